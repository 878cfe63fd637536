// Writes the built extension's manifests and managed-settings schema from their templates
// (manifest.json, extension/managed_schema.json) and the one list of sites
// (extension/shared/sites.js), so the hosts the extension is injected on, the hosts it may access
// and the site ids an employer may switch off can never drift apart.
//
//   node scripts/extension-manifest.mjs chrome  > dist/chrome/manifest.json
//   node scripts/extension-manifest.mjs firefox > dist/firefox/manifest.json
//   node scripts/extension-manifest.mjs schema  > STAGE/managed_schema.json
//
// The schema's categories are the engine's (extension/generated/categories.js, written by
// scripts/extension-categories.mjs).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITES } from '../extension/shared/sites.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (path) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

/** Every built-in site's hosts as match patterns, in the order sites.js lists them. */
export function hostPatterns(sites = SITES) {
  return [...new Set(sites.flatMap((s) => s.hosts).map((h) => `https://${h}/*`))];
}

/** The Chrome (and Edge) manifest: the template with the sites' hosts filled in. */
export function chromeManifest(template = readJson('manifest.json'), sites = SITES) {
  if ('host_permissions' in template || template.content_scripts.some((c) => 'matches' in c)) {
    throw new Error('manifest.json lists hosts of its own: sites belong in extension/shared/sites.js');
  }
  const hosts = hostPatterns(sites);
  const out = {};
  for (const [key, value] of Object.entries(template)) {
    if (key === 'content_scripts') out[key] = value.map((c) => ({ matches: hosts, ...c }));
    else out[key] = value;
    if (key === 'optional_permissions') out.host_permissions = hosts;
  }
  return out;
}

/** The Firefox manifest: background as module scripts, a gecko id, and no data collection. */
export function firefoxManifest(chrome = chromeManifest()) {
  const manifest = structuredClone(chrome);
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
  return manifest;
}

/**
 * The managed-settings schema, its {sites} and {categories} placeholders filled in.
 * @param {string[]} categories the engine's categories
 */
export function managedSchema(categories, template = readJson('extension/managed_schema.json'), sites = SITES) {
  const fill = (text) => text
    .replace('{sites}', sites.map((s) => s.id).join(', '))
    .replace('{categories}', categories.join(', '));
  return JSON.parse(JSON.stringify(template), (key, value) => (typeof value === 'string' ? fill(value) : value));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const what = process.argv[2];
  const out = what === 'chrome' ? chromeManifest()
    : what === 'firefox' ? firefoxManifest()
      : what === 'schema' ? managedSchema((await import('../extension/generated/categories.js')).CATEGORIES)
        : null;
  if (!out) {
    console.error('usage: node scripts/extension-manifest.mjs chrome|firefox|schema');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}
