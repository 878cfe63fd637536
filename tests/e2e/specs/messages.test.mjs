// Issue 11 §1: who a private message goes to. The recipient's display name (or a group chat's
// name) is read from the conversation header; a conversation with someone on the watch-list is a
// warning before anything is typed; boundary words in any message are a caution; a work group
// chat says it is not a secure system. Recipient names are never stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/harness.mjs';
import { openSurface, typeText, waitFor } from '../lib/page.mjs';
import { waitReady, waitWarn, settle, badge, openCardOn } from '../lib/ext.mjs';
import { surfaceById } from '../fixtures/surfaces.mjs';

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

/** Opens a message surface with its conversation header showing `name`. */
async function openConversation(id, name) {
  const s = surfaceById(id);
  const page = await openSurface(h.context, s);
  await waitReady(page);
  if (name) {
    await page.evaluate((n) => {
      const ig = document.querySelector('[aria-label^="Messages in conversation with "]');
      if (ig) ig.setAttribute('aria-label', `Messages in conversation with ${n}`);
      const wa = document.querySelector('#main header span[title]');
      if (wa) { wa.setAttribute('title', n); wa.textContent = n; }
    }, name);
  }
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
