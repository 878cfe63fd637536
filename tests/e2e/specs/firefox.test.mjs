// Issue 4 §4: Firefox ESR smoke test through WebDriver BiDi (puppeteer-core),
// with the built dist/firefox installed as a temporary add-on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { DIST_FIREFOX, FIREFOX, fixtureResponse } from '../lib/harness.mjs';
import { surfaceById } from '../fixtures/surfaces.mjs';
import { DRAFTS } from '../lib/ext.mjs';

const T = { timeout: 90000 };
let browser;
let profile;
const blocked = [];

before(async () => {
  assert.ok(existsSync(join(DIST_FIREFOX, 'manifest.json')), `built Firefox extension at ${DIST_FIREFOX}`);
  profile = mkdtempSync(join(tmpdir(), 'postcare-ff-'));
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    userDataDir: profile,
    extraPrefsFirefox: {
      'browser.shell.checkDefaultBrowser': false,
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  await browser.installExtension(DIST_FIREFOX);
});
after(async () => {
  await browser?.close().catch(() => {});
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function openFixture(id) {
  const s = surfaceById(id);
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (/^(data|blob|about|moz-extension|resource|chrome):/.test(req.url())) { req.continue(); return; }
    const res = fixtureResponse(req.url());
    if (res) {
      req.respond({ status: res.status, headers: res.headers, contentType: res.headers['content-type'], body: res.body });
    } else {
      blocked.push(req.url());
      req.abort();
    }
  });
  await page.goto(s.url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.wrappedJSObject ? window.wrappedJSObject.__fixtureReady : window.__fixtureReady, { timeout: 10000 }).catch(() => {});
  if (s.open) await page.click(s.open);
  await page.waitForSelector(s.editor, { timeout: 10000 });
  await page.click(s.editor);
  return { page, s };
}

const ui = (page) => page.evaluate(() => {
  const host = document.querySelector('postcare-ui');
  const root = host && host.shadowRoot;
  const b = root && root.querySelector('[data-postcare="badge"]');
  const d = root && root.querySelector('[data-postcare="review"][role="alertdialog"]');
  return {
    ready: !!host && host.getAttribute('data-postcare-ready') === '1',
    count: b ? Number(b.getAttribute('data-count')) : null,
    warn: b ? Number(b.getAttribute('data-warn-count')) : null,
    review: !!d,
    buttons: d ? [...d.querySelectorAll('button')].map((x) => x.textContent.trim()) : [],
  };
});

async function poll(fn, what, timeout = 8000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const posts = (page) => page.evaluate(() => (window.__posts || []).slice());

test('Firefox: a confidential draft is warned about and its post is held', T, async () => {
  const { page, s } = await openFixture('facebook-post');
  await poll(async () => (await ui(page)).ready, 'the content script (postcare-ui ready)');
  await page.keyboard.type(DRAFTS.chi);
  const state = await poll(async () => { const u = await ui(page); return u.warn >= 1 && u; }, 'badge data-warn-count >= 1');
  assert.ok(state.count >= 1);
  assert.equal(await page.evaluate(() => window.__modelText()), DRAFTS.chi, 'Lexical model holds exactly the typed text');
  await page.click(s.publish);
  const held = await poll(async () => { const u = await ui(page); return u.review && u; }, 'review dialog');
  assert.deepEqual(held.buttons.filter((b) => b === 'Edit post' || b === 'Post anyway').sort(), ['Edit post', 'Post anyway']);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await posts(page), [], 'post held while the dialog is open');
  await page.evaluate(() => {
    const d = document.querySelector('postcare-ui').shadowRoot.querySelector('[data-postcare="review"]');
    [...d.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Post anyway').click();
  });
  await poll(async () => (await posts(page)).length >= 1, 'post after "Post anyway"');
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(await posts(page), [DRAFTS.chi], 'posted exactly once');
  await page.close();
});

test('Firefox: "Make it safe" applies every suggestion through the editor, then the post goes out once', T, async () => {
  const { page, s } = await openFixture('facebook-post');
  await poll(async () => (await ui(page)).ready, 'the content script');
  await page.keyboard.type('Text me on 07700 900123, I am at 14 Glenview Crescent G51 4TF if anyone wants the spare chairs');
  await poll(async () => { const u = await ui(page); return u.warn >= 1 && u; }, 'badge data-warn-count >= 1');
  await page.click(s.publish);
  await poll(async () => (await ui(page)).review, 'review dialog');
  const press = (action) => page.evaluate((a) => {
    document.querySelector('postcare-ui').shadowRoot.querySelector(`[data-postcare="review"] [data-action="${a}"]`).click();
  }, action);
  await press('safe');
  await poll(async () => (await ui(page)).buttons.includes('Post'), 'the dialog says nothing holds the post back');
  const safe = 'Text me on, I am at if anyone wants the spare chairs';
  assert.equal(await page.evaluate(() => window.__modelText()), safe, 'the suggestions went in through the editor');
  assert.deepEqual(await posts(page), [], 'nothing posted before the worker chooses');
  await press('post');
  await poll(async () => (await posts(page)).length >= 1, 'post after "Post"');
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(await posts(page), [safe], 'the safe text posted exactly once');
  await page.close();
});

test('Firefox: a benign draft posts straight away', T, async () => {
  const { page, s } = await openFixture('facebook-comment');
  await poll(async () => (await ui(page)).ready, 'the content script');
  await page.keyboard.type(DRAFTS.benign);
  await new Promise((r) => setTimeout(r, 1000));
  const u = await ui(page);
  assert.equal(u.warn, 0);
  await page.keyboard.press('Enter');
  await poll(async () => (await posts(page)).length === 1, 'benign comment sent with Enter');
  assert.equal((await ui(page)).review, false);
  await page.close();
});

test('Firefox: pages made no request outside the fixtures', () => {
  assert.deepEqual(blocked, []);
});
