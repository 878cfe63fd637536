// @ts-check
/**
 * The worker's choices for message conversations with someone on their watch-list (banner
 * dismissed, the day the review dialog last asked before Send, that question turned off), kept in
 * chrome.storage.local under a salted SHA-256 hash of the site and the recipients' names. The
 * names themselves are never stored; the salt is random per browser profile, so the same
 * conversation has a different id in every profile.
 *
 * Storage keys: `conversationSalt` (hex), `conversations` ({[id]: {dismissed?, reviewed?, off?}}).
 */

/** Most conversations remembered; the oldest go first. */
const MAX_ENTRIES = 500;

/** @typedef {{dismissed?: boolean, reviewed?: string, off?: boolean}} Entry */

/** @param {ArrayBuffer | Uint8Array} bytes */
const hex = (bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** @returns {Promise<string>} */
async function salt() {
  const { conversationSalt } = await chrome.storage.local.get('conversationSalt');
  if (typeof conversationSalt === 'string' && conversationSalt.length >= 32) return conversationSalt;
  const fresh = hex(crypto.getRandomValues(new Uint8Array(32)));
  await chrome.storage.local.set({ conversationSalt: fresh });
  return fresh;
}

/**
 * The id of a conversation: a salted hash of the site and its recipients' names.
 * @param {string} site @param {string[]} to
 */
async function idOf(site, to) {
  const names = to.map((n) => n.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase());
  const data = new TextEncoder().encode([await salt(), site, ...names].join('\u0000'));
  return hex(await crypto.subtle.digest('SHA-256', data)).slice(0, 32);
}

/** @returns {Promise<Record<string, Entry>>} */
async function entries() {
  const { conversations } = await chrome.storage.local.get('conversations');
  return conversations && typeof conversations === 'object' ? /** @type {Record<string, Entry>} */ (conversations) : {};
}

/** Writes run one after another, so two tabs cannot lose each other's change. */
let queue = Promise.resolve();

/**
 * A conversation's id and what the worker chose for it.
 * @param {string} site @param {string[]} to
 */
export async function conversationMemory(site, to) {
  const id = await idOf(site, to);
  const e = (await entries())[id] || {};
  return { id, dismissed: !!e.dismissed, reviewed: e.reviewed || '', off: !!e.off };
}

/**
 * Records a choice for a conversation, by its id.
 * @param {string} id
 * @param {{dismissed?: unknown, reviewed?: unknown, off?: unknown}} change
 */
export function setConversation(id, change) {
  if (!/^[0-9a-f]{32}$/.test(id)) return Promise.resolve();
  queue = queue.then(async () => {
    const all = await entries();
    const e = { ...(all[id] || {}) };
    if (change.dismissed === true) e.dismissed = true;
    if (change.off === true) e.off = true;
    if (typeof change.reviewed === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(change.reviewed)) e.reviewed = change.reviewed;
    delete all[id];
    all[id] = e; // Most recent last.
    const ids = Object.keys(all);
    for (const old of ids.slice(0, Math.max(0, ids.length - MAX_ENTRIES))) delete all[old];
    await chrome.storage.local.set({ conversations: all });
  }).catch(() => {});
  return queue;
}

/** Storage keys of this module: changing them is not a change of settings. */
export const CONVERSATION_KEYS = ['conversationSalt', 'conversations'];
