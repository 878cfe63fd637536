import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configFor } from './config.js';
import { mergeSettings } from './settings.js';

const settings = (local = {}, managed = {}) => mergeSettings(local, managed);

test('a built-in site is checked unless paused or switched off', () => {
  assert.deepEqual(configFor(settings(), 'https://x.com/home'),
    { covered: true, paused: false, siteOff: false, enabled: true, site: 'x', siteName: 'X', host: 'x.com' });
  assert.equal(configFor(settings({ pausedHosts: ['x.com'] }), 'https://x.com/home').enabled, false);
  assert.equal(configFor(settings({ disabledSites: ['x'] }), 'https://x.com/home').enabled, false);
  assert.equal(configFor(settings({ disabledSites: ['x'] }, { disabledSites: [] }), 'https://x.com/home').enabled, true, 'the employer decides');
});

test('a site the worker added is checked; any other page is not', () => {
  const s = settings({ customSites: ['https://mastodon.social'] });
  assert.deepEqual(configFor(s, 'https://mastodon.social/home'),
    { covered: true, paused: false, siteOff: false, enabled: true, site: 'custom', siteName: 'mastodon.social', host: 'mastodon.social' });
  assert.equal(configFor(s, 'https://example.org/').covered, false);
  assert.equal(configFor(s, 'not a url').enabled, false);
});
