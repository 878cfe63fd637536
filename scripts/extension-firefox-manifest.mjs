// Prints the Firefox manifest: the Chrome manifest (repo root) with the background as module
// scripts, a gecko id, and a data-collection declaration of none.
// Usage: node scripts/extension-firefox-manifest.mjs manifest.json > dist/firefox/manifest.json
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(process.argv[2] || 'manifest.json', 'utf8'));
manifest.background = { scripts: [manifest.background.service_worker], type: 'module' };
manifest.browser_specific_settings = {
  gecko: {
    id: 'post-with-care@postwithcare.org',
    strict_min_version: '142.0',
    data_collection_permissions: { required: ['none'] },
  },
};
// Firefox reads managed storage from enterprise policies, not from a schema in the package.
delete manifest.storage;
process.stdout.write(JSON.stringify(manifest, null, 2) + '\n');
