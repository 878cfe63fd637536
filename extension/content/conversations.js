// @ts-check
/**
 * What the worker chose for each message conversation with someone on their watch-list: whether
 * they dismissed its banner, the day the review dialog last asked before Send, and whether they
 * turned that question off. The extension's own worker keeps it under a salted hash of the site
 * and the recipients' names (see background/conversations.js): the names are never stored. Here
 * the names are only map keys in memory, for as long as the page is open.
 */
import { request } from '../shared/messages.js';

/** The engine's rule for a conversation with someone on the watch-list. */
export const RECIPIENT_RULE = 'boundaries.messaging-someone-you-support';

/**
 * @typedef {object} Memory
 * @property {string} id  The conversation's salted hash.
 * @property {boolean} dismissed  The banner was dismissed.
 * @property {string} reviewed  The local day (YYYY-MM-DD) the review dialog last asked before Send.
 * @property {boolean} off  The worker turned the question before Send off.
 */

/** Today, in the worker's own time zone, as YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** True when a draft's open findings include the conversation itself. @param {import('./watcher.js').EditorState} state */
export function watchedConversation(state) {
  return state.open().some((f) => f.rule === RECIPIENT_RULE);
}

export class Conversations {
  /** @param {string} siteId */
  constructor(siteId) {
    this.siteId = siteId;
    /** @type {Map<string, Memory | Promise<Memory | null>>} */
    this.byKey = new Map();
  }

  /** The key of a draft's conversation: its recipients as last checked. @param {import('./watcher.js').EditorState} state */
  keyOf(state) {
    const to = state.context.to;
    return to && to.length ? to.join('\u0000') : '';
  }

  /** The memory of a draft's conversation if it has been read; null otherwise. @param {import('./watcher.js').EditorState} state */
  peek(state) {
    const m = this.byKey.get(this.keyOf(state));
    return m && !(m instanceof Promise) ? m : null;
  }

  /**
   * Reads the memory of a draft's conversation (once per page), null when there is none to read.
   * @param {import('./watcher.js').EditorState} state
   * @returns {Promise<Memory | null>}
   */
  async load(state) {
    const key = this.keyOf(state);
    if (!key) return null;
    const known = this.byKey.get(key);
    if (known) return known;
    const loading = request({ type: 'conversation', site: this.siteId, to: /** @type {string[]} */ (state.context.to) })
      .then((r) => {
        /** @type {Memory} */
        const m = { id: String(r.id), dismissed: !!r.dismissed, reviewed: String(r.reviewed || ''), off: !!r.off };
        this.byKey.set(key, m);
        return m;
      })
      .catch(() => {
        this.byKey.delete(key);
        return null;
      });
    this.byKey.set(key, loading);
    return loading;
  }

  /**
   * Changes the memory of a draft's conversation, here at once and in the worker's storage.
   * @param {import('./watcher.js').EditorState} state
   * @param {{dismissed?: true, reviewed?: string, off?: true}} change
   */
  async update(state, change) {
    // Changed here at once when already read, so the banner and the guard see it straight away.
    const m = this.peek(state) || await this.load(state);
    if (!m) return;
    Object.assign(m, change);
    request({ type: 'conversation-set', id: m.id, ...change }).catch(() => {});
  }
}
