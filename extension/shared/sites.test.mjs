import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITES, siteForHost, customSite, GENERIC_PUBLISH } from './sites.js';

test('site ids and hosts are unique, lower-case host names', () => {
  const ids = SITES.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length);
  const hosts = SITES.flatMap((s) => s.hosts);
  assert.equal(new Set(hosts).size, hosts.length, 'no host belongs to two sites');
  for (const h of hosts) assert.match(h, /^[a-z0-9.-]+\.[a-z]+$/, h);
});

test('every site has a compose box and a publish control', () => {
  for (const s of SITES) {
    assert.ok(s.composers.length > 0, s.id);
    assert.ok(s.publish.length > 0, s.id);
    assert.ok(s.name, s.id);
  }
});

test('siteForHost finds each host, ignoring case, and nothing else', () => {
  for (const s of SITES) for (const h of s.hosts) assert.equal(siteForHost(h), s);
  assert.equal(siteForHost('WWW.FaceBook.com')?.id, 'facebook');
  assert.equal(siteForHost('m.youtube.com')?.id, 'youtube');
  assert.equal(siteForHost('facebook.com.evil.example'), null);
  assert.equal(siteForHost('example.org'), null);
  assert.equal(siteForHost(''), null);
});

test('customSite gives a worker-added site the generic publish controls', () => {
  const s = customSite('mastodon.social');
  assert.equal(s.id, 'custom:mastodon.social');
  assert.deepEqual(s.hosts, ['mastodon.social']);
  assert.deepEqual(s.composers, []);
  assert.equal(s.publish, GENERIC_PUBLISH);
});
