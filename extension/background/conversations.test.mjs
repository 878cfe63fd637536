import { test } from 'node:test';
import assert from 'node:assert/strict';

// chrome.storage.local, in memory.
const store = {};
globalThis.chrome = /** @type {any} */ ({
  storage: {
    local: {
      get: async (key) => (key in store ? { [key]: structuredClone(store[key]) } : {}),
      set: async (items) => { Object.assign(store, structuredClone(items)); },
    },
  },
});
const { conversationMemory, setConversation } = await import('./conversations.js');

test('a conversation is known by a salted hash: the names are never stored', async () => {
  const m = await conversationMemory('instagram', ['Morag Kerr']);
  assert.match(m.id, /^[0-9a-f]{32}$/);
  assert.deepEqual({ ...m, id: '' }, { id: '', dismissed: false, reviewed: '', off: false });
  await setConversation(m.id, { dismissed: true, reviewed: '2026-11-28', off: true });
  const again = await conversationMemory('instagram', ['  morag   KERR ']);
  assert.deepEqual(again, { id: m.id, dismissed: true, reviewed: '2026-11-28', off: true }, 'the same conversation, written differently');
  assert.notEqual((await conversationMemory('whatsapp', ['Morag Kerr'])).id, m.id, 'another site is another conversation');
  assert.ok(!/morag|kerr/i.test(JSON.stringify(store)), 'no name in storage');
  assert.match(store.conversationSalt, /^[0-9a-f]{64}$/);
});

test('only well-formed choices are kept', async () => {
  const { id } = await conversationMemory('x', ['Sandy Fleming']);
  await setConversation(id, { reviewed: 'yesterday', dismissed: 'yes', off: 1, extra: 'Sandy' });
  assert.deepEqual(store.conversations[id], {});
  await setConversation('not-a-hash', { dismissed: true });
  assert.equal(store.conversations['not-a-hash'], undefined);
});
