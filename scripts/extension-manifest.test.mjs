// The sites meta-test: the manifests and the managed schema the build writes name exactly the
// sites of extension/shared/sites.js, and nothing else lists hosts of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITES } from '../extension/shared/sites.js';
import { CATEGORIES } from '../extension/shared/settings.js';
import { chromeManifest, firefoxManifest, hostPatterns, managedSchema } from './extension-manifest.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path) => readFileSync(join(ROOT, path), 'utf8');

test('manifest.json is a template: it lists no hosts of its own', () => {
  const template = JSON.parse(read('manifest.json'));
  assert.equal(template.host_permissions, undefined);
  for (const c of template.content_scripts) assert.equal(c.matches, undefined);
  assert.throws(() => chromeManifest({ ...template, host_permissions: ['https://example.org/*'] }));
});

test('every host of every site is injected on and permitted, and nothing else', () => {
  const hosts = SITES.flatMap((s) => s.hosts.map((h) => `https://${h}/*`));
  for (const m of [chromeManifest(), firefoxManifest()]) {
    assert.deepEqual([...m.host_permissions].sort(), [...new Set(hosts)].sort());
    for (const c of m.content_scripts) assert.deepEqual([...c.matches].sort(), [...new Set(hosts)].sort());
  }
  // The hosts that once drifted out of the manifest.
  for (const h of ['mobile.x.com', 'm.youtube.com', 'sh.reddit.com', 'threads.net']) {
    assert.ok(hostPatterns().includes(`https://${h}/*`), h);
  }
});

test('the managed schema names every site id and every engine category', () => {
  const schema = JSON.stringify(managedSchema(CATEGORIES));
  assert.ok(!/\{sites\}|\{categories\}/.test(schema), 'placeholders filled');
  const sites = managedSchema(CATEGORIES).properties.disabledSites.description;
  const categories = managedSchema(CATEGORIES).properties.disabledCategories.description;
  for (const s of SITES) assert.match(sites, new RegExp(`\\b${s.id}\\b`), s.id);
  for (const c of CATEGORIES) assert.match(categories, new RegExp(`\\b${c}\\b`), c);
});

for (const [name, make] of [['chrome', chromeManifest], ['firefox', firefoxManifest]]) {
  const built = join(ROOT, 'dist', name, 'manifest.json');
  test(`dist/${name}/manifest.json is what the sources say (not stale)`, { skip: !existsSync(built) && 'not built' }, () => {
    assert.deepEqual(JSON.parse(readFileSync(built, 'utf8')), make());
  });
}

test('dist/chrome/managed_schema.json is what the sources say (not stale)', { skip: !existsSync(join(ROOT, 'dist/chrome/managed_schema.json')) && 'not built' }, () => {
  assert.deepEqual(JSON.parse(read('dist/chrome/managed_schema.json')), managedSchema(CATEGORIES));
});
