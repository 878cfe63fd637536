// @ts-check
/**
 * Messages between the extension's pages and content scripts and the service worker, which owns
 * the engine. One-shot runtime messages: each wakes the worker if it was stopped for being idle,
 * and a failed send is retried, so a worker restart is invisible to callers.
 *
 * Requests:
 *   {type: 'check', text, context?, to?}
 *                                -> {ok: true, findings: Finding[], prompts} (spans in UTF-16 code units)
 *     context: 'post' | 'comment' | 'message'; to: a message's recipients (display names or a group
 *     chat's name), read from the conversation header and never stored; attachments: [{kind:
 *     'image' | 'video', gps?, taken?}]. The response also carries prompts (the photo check).
 *   {type: 'photo', bytes}       -> {ok: true, gps?, taken?}  a JPEG's first bytes, never kept
 *   {type: 'conversation', site, to}  -> {ok: true, id, dismissed, reviewed, off}
 *     what the worker chose for a message conversation (see background/conversations.js); `to` is
 *     hashed with a salt, never stored; id is that hash
 *   {type: 'conversation-set', id, dismissed?: true, reviewed?: 'YYYY-MM-DD', off?: true} -> {ok: true}
 *   {type: 'guidance'}           -> {ok: true, guidance}
 *   {type: 'ping'}               -> {ok: true}
 * Worker to tabs:
 *   {type: 'settings-changed'}   (content scripts re-read their config and re-check)
 * Popup to the tab's content script (chrome.tabs.sendMessage, top frame):
 *   {type: 'coverage'}           -> {ok: true, enabled, site, siteBoxesOnPage,
 *                                    boxes: [{generic, label, active, checked, warnings}]}
 *     enabled: checking is on in this tab; site: the adapter's id ('custom:<host>' for added sites);
 *     boxes: the compose boxes tracked so far (focused or typed in, or a site box with text), with
 *     generic = only the generic adapter recognised it, label = the box's own aria-label or
 *     placeholder, checked = its current text has a result; siteBoxesOnPage: visible boxes the
 *     site adapter recognises, typed in or not. No response: no content script (not covered).
 *
 * A draft's text travels only inside these messages: it is never stored and never logged.
 */

/**
 * @typedef {object} Finding
 * @property {string} rule
 * @property {string} category
 * @property {'warn'|'caution'} severity
 * @property {number} start
 * @property {number} end
 * @property {string} title
 * @property {string} message
 * @property {string} why
 * @property {string} instead
 * @property {string} guidance
 * @property {string[]} code
 * @property {string} [suggestion]
 * @property {boolean} [about_post]  About the draft as a whole (its recipient), not any words: start and end are 0.
 * @property {string} [detail]
 */

const RETRIES = 4;
const TIMEOUT_MS = 3000;

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** True once this script's extension context is gone (extension reloaded or removed). */
export function contextGone() {
  try {
    return !chrome.runtime?.id;
  } catch {
    return true;
  }
}

/**
 * Sends a request to the service worker, retrying while it restarts.
 * @param {object} message
 * @returns {Promise<any>} the response; rejects when the worker cannot answer.
 */
export async function request(message) {
  let lastError = null;
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    if (contextGone()) throw new Error('extension context invalidated');
    try {
      const response = await Promise.race([
        chrome.runtime.sendMessage(message),
        sleep(TIMEOUT_MS).then(() => { throw new Error('timeout'); }),
      ]);
      if (response && response.ok) return response;
      lastError = new Error(response?.error || 'no response');
      if (response && response.ok === false && response.fatal) break;
    } catch (e) {
      lastError = e;
    }
    await sleep(15 * (attempt + 1));
  }
  throw lastError || new Error('unavailable');
}
