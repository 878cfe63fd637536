import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CATEGORIES, mergeSettings, originPattern } from './settings.js';

test('the worker\'s own settings, cleaned', () => {
  const s = mergeSettings({
    watchlist: [' Agnes Kelly ', '', 7, 'Tam'], disabledCategories: ['dignity', 'nonsense'],
    disabledSites: ['x'], pausedHosts: ['www.facebook.com'], customSites: ['https://mastodon.social'],
  }, {});
  assert.deepEqual(s.watchlist, ['Agnes Kelly', 'Tam']);
  assert.deepEqual(s.disabledCategories, ['dignity'], 'unknown categories are dropped');
  assert.deepEqual(s.disabledSites, ['x']);
  assert.deepEqual(s.pausedHosts, ['www.facebook.com']);
  assert.deepEqual(s.customSites, ['https://mastodon.social']);
  assert.deepEqual(s.managed, { watchlist: 0, categoriesLocked: false, sitesLocked: false });
});

test('managed watch terms are added; managed categories and sites replace the worker\'s', () => {
  const s = mergeSettings(
    { watchlist: ['Tam', 'Seaforth House'], disabledCategories: ['dignity'], disabledSites: ['x'] },
    { watchlist: ['Seaforth House', 'Rowanbank'], disabledCategories: [], disabledSites: ['youtube'] },
  );
  assert.deepEqual(s.watchlist, ['Tam', 'Seaforth House', 'Rowanbank']);
  assert.deepEqual(s.disabledCategories, []);
  assert.deepEqual(s.disabledSites, ['youtube']);
  assert.deepEqual(s.managed, { watchlist: 2, categoriesLocked: true, sitesLocked: true });
});

test('missing or malformed values read as empty', () => {
  const s = mergeSettings({ watchlist: 'Tam', pausedHosts: null }, { disabledCategories: 'all' });
  assert.deepEqual(s.watchlist, []);
  assert.deepEqual(s.pausedHosts, []);
  assert.equal(s.managed.categoriesLocked, false);
});

test('originPattern', () => {
  assert.equal(originPattern('https://mastodon.social/@someone'), 'https://mastodon.social/*');
});

// The categories meta-test: the engine's list reaches every place that names categories.
test('every engine category has its options label and is described in the README', () => {
  assert.ok(CATEGORIES.length >= 5, `the engine's categories: ${CATEGORIES}`);
  const messages = JSON.parse(readFileSync(new URL('../_locales/en_GB/messages.json', import.meta.url), 'utf8'));
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const c of CATEGORIES) {
    const key = `category${c[0].toUpperCase()}${c.slice(1)}`;
    assert.ok(messages[key]?.message, `_locales/en_GB/messages.json has ${key}`);
    assert.match(readme, new RegExp(`^\\| ${c} \\|`, 'm'), `README's category table has a row for ${c}`);
  }
  const labels = Object.keys(messages).filter((k) => /^category[A-Z]/.test(k)).map((k) => k.slice(8).toLowerCase());
  assert.deepEqual(labels.sort(), [...CATEGORIES].sort(), 'no label for a category the engine does not have');
});
