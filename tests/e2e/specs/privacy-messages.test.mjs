// Issue 11 §3: after messages to watched and unwatched partners on every message fixture (banner
// dismissed, the review dialog answered, its "don't ask again" ticked) and photos attached by file
// input, paste and drop, the extension's storage (local, sync, session) holds no recipient's name
// other than the watch-list's, and no image bytes; after posts with a photo tagged at a place
// (Facebook's check-in, Instagram's location field), it holds no place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, REPO } from '../lib/harness.mjs';
import { openSurface, typeText, waitFor, sleep, posts, pressPublishKey, clickPublish, showPartner, attachToFocused, tagPlace } from '../lib/page.mjs';
import { waitReady, waitWarn, settle, reviewOpen, clickReviewButton, REVIEW } from '../lib/ext.mjs';
import { surfaces, surfaceById } from '../fixtures/surfaces.mjs';

const T = { timeout: 120000 };
const PHOTO = [...readFileSync(join(REPO, 'tests/fixtures/photo-with-gps.jpg'))];
const WATCHED = 'Morag Kerr';
const UNWATCHED = ['Sarah Brown', 'Kenny Dalglish', 'Team Seaforth', 'Jamie Reid'];

let h;
before(async () => {
  h = await launch();
  await h.worker.evaluate((w) => chrome.storage.local.set({ watchlist: w }), [WATCHED]);
});
after(async () => { await h?.close(); });

/** Sends the draft, answering the review dialog if it asks (and ticking "don't ask again" when offered). */
async function send(page, s, { click = false } = {}) {
  const before = (await posts(page)).length;
  if (click) await clickPublish(page, s);
  else await pressPublishKey(page, s);
  const asked = await waitFor(() => reviewOpen(page), { timeout: 2000 }).then(() => true, () => false);
  if (asked) {
    const stop = page.locator(`${REVIEW} [data-action="stop-asking"]`);
    if (await stop.count()) await stop.check();
    const post = page.locator(REVIEW).getByRole('button', { name: /^(Post anyway|Post|It doesn't — post)$/ });
    await post.click();
  }
  await waitFor(async () => (await posts(page)).length > before, { message: `${s.id}: sent` });
}

test('storage holds no recipient names but the watch-list, and no image bytes', T, async () => {
  const ways = ['paste', 'drop', 'input'];
  let i = 0;
  for (const s of surfaces.filter((x) => x.partner)) {
    for (const name of [WATCHED, UNWATCHED[i % UNWATCHED.length]]) {
      const page = await openSurface(h.context, s);
      await waitReady(page);
      await showPartner(page, s, name);
      await page.locator(s.editor).first().click();
      if (name === WATCHED) {
        await waitWarn(page);
        await waitFor(() => page.evaluate(() => {
          const b = document.querySelector('postcare-ui').shadowRoot.querySelector('[data-postcare="banner"]');
          if (!b || b.hidden) return false;
          b.querySelector('[data-action="dismiss"]').click();
          return true;
        }), { message: `${s.id}: the banner, to dismiss` });
      }
      await typeText(page, s, 'Lovely to see you earlier');
      await attachToFocused(page, ways[i % ways.length], PHOTO);
      await settle(page);
      await send(page, s);
      await sleep(200);
      await page.close();
      i++;
    }
  }
  const dump = await h.worker.evaluate(async () => JSON.stringify({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
    session: chrome.storage.session ? await chrome.storage.session.get(null) : {},
  }));
  const stored = JSON.parse(dump);
  assert.deepEqual(stored.local.watchlist, [WATCHED]);
  const rest = JSON.stringify({ ...stored, local: { ...stored.local, watchlist: [] } });
  for (const name of [WATCHED, ...UNWATCHED, 'morag.k']) {
    assert.ok(!rest.toLowerCase().includes(name.toLowerCase()), `"${name}" is not stored outside the watch-list`);
  }
  assert.ok(Object.keys(stored.local.conversations || {}).length >= 1, 'the conversations\' choices are kept (by hash)');
  assert.ok(!/Exif|255,216,255|\/9j\//.test(dump), 'no image bytes');
  assert.ok(dump.length < 8000, `storage stays small (${dump.length} characters)`);
});

test('storage holds no place a post was tagged with', T, async () => {
  const places = ['Sunnyside Care Home, Paisley', 'Portobello beach'];
  for (const id of ['facebook-post', 'instagram-post']) {
    for (const place of places) {
      const s = surfaceById(id);
      const page = await openSurface(h.context, s);
      await waitReady(page);
      await typeText(page, s, 'What a lovely afternoon');
      await attachToFocused(page, 'paste', PHOTO);
      await tagPlace(page, s, place);
      await settle(page);
      await send(page, s, { click: true });
      await page.close();
    }
  }
  const dump = await h.worker.evaluate(async () => JSON.stringify({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
    session: chrome.storage.session ? await chrome.storage.session.get(null) : {},
  }));
  for (const word of ['sunnyside', 'paisley', 'portobello']) assert.ok(!dump.toLowerCase().includes(word), `"${word}" is not stored`);
  assert.ok(!/Exif|255,216,255|\/9j\//.test(dump), 'no image bytes');
});
