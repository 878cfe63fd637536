// Issue 11 §1: who a private message goes to. The recipient's display name (or a group chat's
// name) is read from the conversation header; a conversation with someone on the watch-list is a
// warning before anything is typed, with a banner above the box (dismissable per conversation) and
// the review dialog on Send once a day unless turned off there; boundary words in any message are
// a caution; a work group chat says it is not a secure system. Recipient names are never stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/harness.mjs';
import { openSurface, typeText, waitFor, sleep, posts, pressPublishKey, focusEditor, showPartner, activeIsEditor } from '../lib/page.mjs';
import { waitReady, waitWarn, settle, badge, openCardOn, assertQuiet, waitReview, clickReviewButton, reviewOpen, foreignEditorNodes, REVIEW } from '../lib/ext.mjs';
import { surfaceById, surfaces } from '../fixtures/surfaces.mjs';
import { SITES } from '../../../extension/shared/sites.js';

const T = { timeout: 45000 };
let h;
before(async () => { h = await launch(); });
after(async () => { await h?.close(); });

const setWatchlist = (names) => h.worker.evaluate((w) => chrome.storage.local.set({ watchlist: w }), names);
const storageDump = () => h.worker.evaluate(async () => JSON.stringify({
  local: await chrome.storage.local.get(null),
  sync: await chrome.storage.sync.get(null),
  session: chrome.storage.session ? await chrome.storage.session.get(null) : {},
}));

/**
 * Opens a message surface with its conversation header showing `name` (as the site shows a
 * partner's name: in an attribute after a prefix, or as text).
 */
async function openConversation(id, name) {
  const s = surfaceById(id);
  const page = await openSurface(h.context, s);
  await waitReady(page);
  if (name) await showPartner(page, s, name);
  await page.click(s.editor);
  return { page, s };
}

test('Instagram DM: a watch-listed partner is a warning before anything is typed', T, async () => {
  await setWatchlist(['Morag Kerr']);
  const { page } = await openConversation('instagram-dm', 'morag.k');
  const b = await waitWarn(page);
  assert.ok(b.warn >= 1, 'the conversation alone is a warning');
  const dump = await storageDump();
  assert.ok(!dump.includes('morag.k'), 'the recipient name is not stored');
  await page.close();
});

test('Instagram DM: an unwatched partner: plain words are fine, affection is a caution', T, async () => {
  await setWatchlist(['Jordan Mackie']);
  const { page, s } = await openConversation('instagram-dm', 'sarah.b');
  await typeText(page, s, 'Lovely to chat earlier');
  const quiet = await settle(page);
  assert.equal(quiet?.warn ?? 0, 0, 'nothing to warn about');
  await typeText(page, s, ' miss you already x');
  const b = await waitFor(async () => { const x = await badge(page); return x && x.count >= 1 ? x : false; }, { message: 'a caution' });
  assert.equal(b.warn, 0, 'a caution, not a warning, for someone not on the list');
  await page.close();
});

test('WhatsApp: a work group chat says it is not a secure system', T, async () => {
  await setWatchlist([]);
  const { page, s } = await openConversation('whatsapp', 'Night shift Brae House');
  await typeText(page, s, 'Keysafe for Mr Paterson is 1938');
  await waitWarn(page);
  await settle(page);
  const card = await openCardOn(page, s.editor, '1938');
  assert.ok(card && /Work group chats are not a secure system/.test(card.text), `the card says so: ${card?.text}`);
  const dump = await storageDump();
  assert.ok(!dump.includes('Night shift'), 'the group name is not stored');
  await page.close();
});

/** The banner above the message box: its text and where it is, or null while hidden. */
async function bannerOf(page, editor) {
  const b = await page.evaluate(() => {
    const node = document.querySelector('postcare-ui').shadowRoot.querySelector('[data-postcare="banner"]');
    if (!node || node.hidden) return null;
    const r = node.getBoundingClientRect();
    return { text: node.textContent, bottom: r.bottom, left: r.left };
  });
  if (!b) return null;
  const e = await page.locator(editor).first().boundingBox();
  return { ...b, editorTop: e.y, editorLeft: e.x };
}

const dismissBanner = (page) => page.evaluate(() => {
  document.querySelector('postcare-ui').shadowRoot.querySelector('[data-postcare="banner"] [data-action="dismiss"]').click();
});

const SENTENCE = 'You are messaging someone on your list of people you support, from your personal account.';

test('a watched partner: a banner above the box before typing, dismissed for that conversation only', T, async () => {
  await setWatchlist(['Morag Kerr', 'Jordan Mackie']);
  const { page, s } = await openConversation('instagram-dm', 'morag.k');
  const b = await waitFor(() => bannerOf(page, s.editor), { message: 'the banner' });
  assert.match(b.text, new RegExp(SENTENCE.replace(/[.]/g, '\\.')));
  assert.ok(b.bottom <= b.editorTop + 1, `the banner sits above the box (${b.bottom} <= ${b.editorTop})`);
  assert.deepEqual(await foreignEditorNodes(page, s.editor), { recorded: [], present: [] }, 'nothing inside the editor');
  await dismissBanner(page);
  await waitFor(async () => !(await bannerOf(page, s.editor)), { message: 'banner dismissed' });
  assert.ok((await badge(page)).warn >= 1, 'the warning stands');
  await page.close();
  // The same conversation again: still dismissed. Another watched partner: the banner shows.
  const again = await openConversation('instagram-dm', 'morag.k');
  await waitWarn(again.page);
  await sleep(700);
  assert.equal(await bannerOf(again.page, again.s.editor), null, 'dismissed for this conversation');
  await again.page.close();
  const other = await openConversation('instagram-dm', 'Jordan Mackie');
  await waitFor(() => bannerOf(other.page, other.s.editor), { message: 'the banner for another conversation' });
  const dump = await storageDump();
  assert.ok(!/morag\.k|Jordan Mackie/i.test(dump.replace(/"watchlist":\[[^\]]*\]/, '')), 'no recipient name stored outside the watch-list');
  await other.page.close();
});

test('a watched partner: the review dialog on Send once a day per conversation', T, async () => {
  await setWatchlist(['Sandy Fleming']);
  const { page, s } = await openConversation('instagram-dm', 'sandy.f');
  await waitWarn(page);
  await typeText(page, s, 'ok see you then');
  await settle(page);
  await pressPublishKey(page, s);
  await waitReview(page);
  const rules = await page.evaluate((sel) => [...document.querySelector('postcare-ui').shadowRoot.querySelector(sel)
    .querySelectorAll('[data-postcare="group"]')].map((g) => g.getAttribute('data-rule')), REVIEW);
  assert.ok(rules.includes('boundaries.messaging-someone-you-support'), `the conversation is in the dialog: ${rules}`);
  assert.deepEqual(await posts(page), []);
  await clickReviewButton(page, 'Post anyway');
  await waitFor(async () => (await posts(page)).length === 1, { message: 'sent after "Post anyway"' });
  // Asked once today: the next message goes at once, here and after a reload.
  await focusEditor(page, s);
  await typeText(page, s, 'thanks');
  await settle(page);
  await pressPublishKey(page, s);
  await waitFor(async () => (await posts(page)).length === 2, { message: 'second message sent at once' });
  assert.equal(await reviewOpen(page), false);
  await page.close();
  const again = await openConversation('instagram-dm', 'sandy.f');
  await waitWarn(again.page);
  await typeText(again.page, again.s, 'running late');
  await settle(again.page);
  await pressPublishKey(again.page, again.s);
  await waitFor(async () => (await posts(again.page)).length === 1, { message: 'sent at once after a reload' });
  assert.equal(await reviewOpen(again.page), false);
  await again.page.close();
});

test('a watched partner: asked again the next day, unless turned off for that conversation', T, async () => {
  await setWatchlist(['Sandy Fleming', 'Jordan Mackie']);
  // Two conversations asked yesterday, one of them turned off in the dialog.
  const ask = async (name, tick) => {
    const { page, s } = await openConversation('instagram-dm', name);
    await waitWarn(page);
    await typeText(page, s, 'ok see you then');
    await settle(page);
    await pressPublishKey(page, s);
    await waitReview(page);
    if (tick) await page.locator(`${REVIEW} [data-action="stop-asking"]`).check();
    await clickReviewButton(page, 'Post anyway');
    await waitFor(async () => (await posts(page)).length === 1, { message: 'sent' });
    await page.close();
  };
  await ask('Jordan Mackie', true);
  await ask('jordan.m', false);
  await h.worker.evaluate(async () => {
    const { conversations } = await chrome.storage.local.get('conversations');
    for (const e of Object.values(conversations)) e.reviewed = '2000-01-01';
    await chrome.storage.local.set({ conversations });
  });
  const send = async (name) => {
    const { page, s } = await openConversation('instagram-dm', name);
    await waitWarn(page);
    await typeText(page, s, 'see you at 3');
    await settle(page);
    await pressPublishKey(page, s);
    const held = await waitReview(page, 2000).then(() => true, () => false);
    await page.close();
    return held;
  };
  assert.equal(await send('jordan.m'), true, 'asked again on a new day');
  assert.equal(await send('Jordan Mackie'), false, 'not asked where the worker turned it off');
});

// Every site with a message box names its conversation header, and has a fixture that shows one.
const hostOf = (u) => new URL(u).hostname;
test('every site with a message box has a conversation header entry and a fixture', () => {
  for (const site of SITES.filter((x) => x.composers.some((c) => c.message))) {
    assert.ok(site.conversation?.length, `${site.id}: conversation header entries`);
    const fixtures = surfaces.filter((x) => x.partner && site.hosts.includes(hostOf(x.url)));
    assert.ok(fixtures.length, `${site.id}: a message fixture with a conversation header`);
  }
});

for (const s of surfaces.filter((x) => x.partner)) {
  test(`${s.id}: a watched partner is a warning before anything is typed`, T, async () => {
    await setWatchlist(['Morag Kerr']);
    const { page } = await openConversation(s.id, 'Morag Kerr');
    const b = await waitWarn(page);
    assert.ok(b.warn >= 1);
    await waitFor(() => bannerOf(page, s.editor), { message: 'the banner above the box' });
    await page.close();
  });

  test(`${s.id}: an unwatched partner with harmless words is quiet`, T, async () => {
    await setWatchlist(['Morag Kerr']);
    const { page } = await openConversation(s.id, 'Sarah Brown');
    await typeText(page, s, 'Lovely to chat earlier');
    const seen = await assertQuiet(page, 1000);
    assert.deepEqual(seen, [], 'nothing to warn about');
    assert.equal(await bannerOf(page, s.editor), null, 'no banner');
    await page.close();
  });
}

// Reddit's chat box sits in nested shadow roots, where the page-wide look for compose boxes walks
// too: the conversation warns as soon as it is open, before the box is focused.
test('reddit-chat: a watched partner is a warning before the box is focused', T, async () => {
  await setWatchlist(['Morag Kerr']);
  const s = surfaceById('reddit-chat');
  const page = await openSurface(h.context, s, { focus: false });
  await waitReady(page);
  await showPartner(page, s, 'Morag Kerr');
  await waitFor(() => bannerOf(page, s.editor), { message: 'the banner above the box', timeout: 8000 });
  assert.equal(await activeIsEditor(page, s), false, 'the box was never focused');
  await page.close();
});
