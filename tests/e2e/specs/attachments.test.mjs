// Issue 11 §2: a photo or video attached through a file input near the compose box, pasted into
// it or dropped on it is part of the check: words pointing to a care setting make it a warning,
// and so does the site's location tag when it is a care setting; a photo that carries its location
// is a caution. Any attached photo is held once on Post or Send for the photo question ("It doesn't
// — post" or "Edit post"). The photo's bytes are never stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, REPO } from '../lib/harness.mjs';
import { openSurface, typeText, waitFor, sleep, posts, clickPublish, activeIsEditor, modelText, pressPublishKey, attachToFocused, focusEditor, tagPlace } from '../lib/page.mjs';
import { waitReady, waitWarn, settle, badge, waitReview, clickReviewButton, reviewOpen, REVIEW } from '../lib/ext.mjs';
import { surfaceById, surfaces } from '../fixtures/surfaces.mjs';

const T = { timeout: 45000 };
const WITH_GPS = [...readFileSync(join(REPO, 'tests/fixtures/photo-with-gps.jpg'))];
const WITHOUT_GPS = [...readFileSync(join(REPO, 'tests/fixtures/photo-without-gps.jpg'))];
const CARE_WORDS = 'Look at them go at the day centre today!';
const HARMLESS = 'Sunset over the Forth tonight';
const HOW = { input: 'chosen through a file input', paste: 'pasted', drop: 'dropped' };
const SURFACES = [['facebook-post', 'input'], ['instagram-dm', 'paste'], ['whatsapp', 'drop'], ['x', 'input']];

let h;
before(async () => {
  h = await launch();
  await h.worker.evaluate(() => chrome.storage.local.set({ watchlist: [] }));
});
after(async () => { await h?.close(); });

async function open(id) {
  const s = surfaceById(id);
  const page = await openSurface(h.context, s);
  await waitReady(page);
  return { page, s };
}

/** Attaches a JPEG to the compose box the way a site does: through a file input beside it, by pasting, or by dropping. */
async function attach(page, s, how, bytes) {
  await focusEditor(page, s);
  await attachToFocused(page, how, bytes);
}

const storageDump = () => h.worker.evaluate(async () => JSON.stringify({
  local: await chrome.storage.local.get(null),
  session: chrome.storage.session ? await chrome.storage.session.get(null) : {},
}));

/** What the review dialog shows: its photo question, its groups and its buttons. */
const dialog = (page) => page.evaluate((sel) => {
  const d = document.querySelector('postcare-ui').shadowRoot.querySelector(sel);
  return {
    prompts: [...d.querySelectorAll('[data-postcare="prompt"]')].map((p) => p.textContent),
    groups: [...d.querySelectorAll('[data-postcare="group"]')].map((g) => g.getAttribute('data-rule')),
    buttons: [...d.querySelectorAll('button')].filter((b) => !b.hidden).map((b) => b.textContent.trim()),
  };
}, REVIEW);

for (const [id, how] of SURFACES) {
  test(`${id}: a photo ${HOW[how]} with harmless words is held once for the photo question`, T, async () => {
    const { page, s } = await open(id);
    await typeText(page, s, HARMLESS);
    const quiet = await settle(page);
    assert.equal(quiet?.count ?? 0, 0, 'harmless words alone are quiet');
    await attach(page, s, how, WITHOUT_GPS);
    await sleep(300);
    await clickPublish(page, s);
    await waitReview(page);
    const d = await dialog(page);
    assert.equal(d.prompts.length, 1, 'the photo question is asked');
    assert.match(d.prompts[0], /Does this show anyone you support/);
    assert.deepEqual(d.groups, [], 'the photo alone is no finding');
    assert.deepEqual(d.buttons, ['Edit post', "It doesn't — post"]);
    await sleep(200);
    assert.deepEqual(await posts(page), [], 'nothing posted while the question is open');
    await clickReviewButton(page, 'Edit post');
    await waitFor(() => activeIsEditor(page, s), { message: 'focus back in the box', timeout: 2000 });
    assert.deepEqual(await posts(page), [], '"Edit post" posts nothing');
    assert.equal(await modelText(page), HARMLESS, 'the draft is as typed');
    await clickPublish(page, s);
    await waitReview(page);
    await clickReviewButton(page, "It doesn't — post");
    await waitFor(async () => (await posts(page)).length >= 1, { message: 'posted after "It doesn\'t — post"', timeout: 3000 });
    await sleep(500);
    assert.deepEqual(await posts(page), [HARMLESS], 'posted exactly once, as typed');
    assert.equal(await reviewOpen(page), false);
    await page.close();
  });

  test(`${id}: a photo ${HOW[how]} with words about a care setting is a warning`, T, async () => {
    const { page, s } = await open(id);
    await typeText(page, s, CARE_WORDS);
    await settle(page);
    const before = (await badge(page))?.warn ?? 0;
    await attach(page, s, how, WITHOUT_GPS);
    await waitWarn(page, { min: before + 1 });
    await clickPublish(page, s);
    await waitReview(page);
    const d = await dialog(page);
    assert.ok(d.groups.includes('confidentiality.photo-at-a-named-care-setting'), `the photo finding shows as usual: ${d.groups}`);
    assert.ok(d.buttons.includes('Post anyway') && d.buttons.includes('Edit post'), `buttons: ${d.buttons}`);
    await clickReviewButton(page, 'Edit post');
    assert.deepEqual(await posts(page), []);
    await page.close();
  });
}

// The place the post is tagged with (Facebook's check-in line, Instagram's "Add location" field):
// a care home there makes a photo with harmless words a warning; a beach leaves the photo question.
for (const [id, how] of [['facebook-post', 'input'], ['instagram-post', 'paste']]) {
  const tagged = async (place) => {
    const { page, s } = await open(id);
    await typeText(page, s, 'What a lovely afternoon');
    await settle(page);
    await attach(page, s, how, WITHOUT_GPS);
    await tagPlace(page, s, place);
    await sleep(300);
    await clickPublish(page, s);
    await waitReview(page);
    return { page, s, d: await dialog(page) };
  };

  test(`${id}: a photo with harmless words, tagged at a care home, is a warning`, T, async () => {
    const { page, d } = await tagged('Sunnyside Care Home, Paisley');
    assert.ok(d.groups.includes('confidentiality.photo-at-a-named-care-setting'), `the photo finding: ${d.groups}`);
    assert.ok(d.buttons.includes('Post anyway') && d.buttons.includes('Edit post'), `buttons: ${d.buttons}`);
    await clickReviewButton(page, 'Edit post');
    assert.deepEqual(await posts(page), []);
    assert.equal((await badge(page))?.warn, 1, 'one warning on the badge, about the photo');
    await page.close();
  });

  test(`${id}: a photo tagged at a beach is only the photo question`, T, async () => {
    const { page, d } = await tagged('Portobello beach');
    assert.deepEqual(d.groups, [], 'no finding');
    assert.equal(d.prompts.length, 1, 'the photo question');
    await clickReviewButton(page, "It doesn't — post");
    await waitFor(async () => (await posts(page)).length === 1, { message: 'posted' });
    await page.close();
  });
}

test('a photo that carries its location is a caution, and its bytes are never stored', T, async () => {
  const { page, s } = await open('facebook-post');
  await typeText(page, s, 'Sunset over the Forth tonight');
  const quiet = await settle(page);
  assert.equal(quiet?.count ?? 0, 0);
  await attach(page, s, 'input', WITH_GPS);
  const b = await waitFor(async () => { const x = await badge(page); return x && x.count >= 1 ? x : false; }, { message: 'location caution' });
  assert.equal(b.warn, 0, 'a caution, not a warning');
  const dump = await storageDump();
  assert.ok(!dump.includes('Exif') && !dump.includes('255,216') && dump.length < 4000, 'no image bytes in storage');
  await page.close();
});

// Every message fixture: a photo pasted into the box, dropped on it, or chosen through a file input
// beside it is part of the draft (the photo question on Send proves the box has it).
for (const s of surfaces.filter((x) => x.partner)) {
  test(`${s.id}: a photo pasted, dropped or chosen through a file input is asked about on Send`, T, async () => {
    for (const how of ['paste', 'drop', 'input']) {
      const { page } = await open(s.id);
      await page.locator(s.editor).first().click();
      await typeText(page, s, HARMLESS);
      await settle(page);
      await attachToFocused(page, how, WITHOUT_GPS);
      await sleep(300);
      await pressPublishKey(page, s);
      await waitReview(page).catch(() => assert.fail(`${how}: no photo question`));
      const d = await dialog(page);
      assert.equal(d.prompts.length, 1, `${how}: the photo question`);
      await clickReviewButton(page, "It doesn't — post");
      await waitFor(async () => (await posts(page)).length === 1, { message: `${how}: sent` });
      await page.close();
    }
  });
}
