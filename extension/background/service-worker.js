// @ts-check
/**
 * The background service worker owns the engine (WebAssembly). Content scripts cannot compile it
 * on pages with a strict CSP, so they send drafts here and get findings back.
 *
 * The worker may be stopped whenever it is idle. Every wake runs this module again: the listeners
 * are registered synchronously below, and the engine starts instantiating at once, so the first
 * check after a cold start waits only for that.
 *
 * Privacy: a draft is only ever a local variable of one message handler. It is not stored, not
 * logged and not sent anywhere; nothing here makes a network request (the one fetch is the
 * packaged .wasm file and its pre-initialised state, by their chrome-extension:// URLs).
 */
import { check, guidance, photo_metadata } from '../generated/postcare_wasm.js';
import { startEngine } from './engine.js';
import { mergeSettings, readLocal, readManaged, originPattern } from '../shared/settings.js';
import { conversationMemory, setConversation, CONVERSATION_KEYS } from './conversations.js';

/** @type {Promise<unknown> | null} */
let engine = null;

/** Instantiates the engine once per worker lifetime; a failure is retried on the next request. */
function engineReady() {
  if (!engine) {
    engine = startEngine().catch((e) => {
      engine = null;
      throw e;
    });
  }
  return /** @type {Promise<unknown>} */ (engine);
}
engineReady().catch(() => {});

/**
 * The employer's managed settings once read, null until then. Reading them can take seconds after
 * the browser starts, so checks do not wait: until they are in, the worker's own settings apply,
 * and once they are in, open tabs re-check with them.
 * @type {Record<string, unknown> | null}
 */
let managed = null;
function refreshManaged() {
  readManaged().then((m) => {
    const changed = JSON.stringify(m) !== JSON.stringify(managed || {});
    managed = m;
    if (changed) {
      settingsCache = null;
      broadcastSettings();
    }
  });
}
refreshManaged();

/** @type {Promise<import('../shared/settings.js').Settings> | null} */
let settingsCache = null;
function settings() {
  if (!settingsCache) settingsCache = readLocal().then((local) => mergeSettings(local, managed || {}));
  return settingsCache;
}
settings().catch(() => {});

const CONTEXTS = ['post', 'comment', 'message'];

/**
 * Where a draft is going, from a check request: a message's recipients (names read from the
 * conversation header, matched against the watch-list here and never kept), what is attached, and
 * the place it is tagged with (read from the composer, never kept either).
 * @param {any} msg
 */
function draftContext(msg) {
  const context = CONTEXTS.includes(msg.context) ? msg.context : 'post';
  const to = Array.isArray(msg.to) ? msg.to.filter((n) => typeof n === 'string').slice(0, 20).map((n) => n.slice(0, 200)) : [];
  const attachments = (Array.isArray(msg.attachments) ? msg.attachments : []).slice(0, 20)
    .filter((a) => a && (a.kind === 'image' || a.kind === 'video'))
    .map((a) => ({
      kind: a.kind,
      ...(a.gps && Number.isFinite(a.gps.lat) && Number.isFinite(a.gps.lon) ? { gps: { lat: a.gps.lat, lon: a.gps.lon } } : {}),
      ...(typeof a.taken === 'string' ? { taken: a.taken.slice(0, 32) } : {}),
    }));
  const location = typeof msg.location === 'string' && msg.location.trim() ? { location: msg.location.slice(0, 200) } : {};
  return { context, to, attachments, ...location };
}

/** @param {any} msg */
async function handle(msg) {
  switch (msg && msg.type) {
    case 'check': {
      const [, s] = await Promise.all([engineReady(), settings()]);
      const text = typeof msg.text === 'string' ? msg.text : '';
      const report = check(text, { watchlist: s.watchlist, disabled: s.disabledCategories, ...draftContext(msg) });
      return { ok: true, findings: report.findings, prompts: report.prompts || [] };
    }
    case 'photo': {
      // A photo's first bytes, only ever a local variable here: read for its location and date.
      await engineReady();
      const bytes = Array.isArray(msg.bytes) ? Uint8Array.from(msg.bytes) : new Uint8Array(0);
      return { ok: true, ...photo_metadata(bytes) };
    }
    case 'conversation': {
      // A message conversation's recipients, only ever a local variable here: hashed, never kept.
      const site = typeof msg.site === 'string' ? msg.site.slice(0, 100) : '';
      const { to } = draftContext(msg);
      if (!to.length) return { ok: false, fatal: true, error: 'no recipients' };
      return { ok: true, ...(await conversationMemory(site, to)) };
    }
    case 'conversation-set':
      await setConversation(String(msg.id), msg);
      return { ok: true };
    case 'guidance':
      await engineReady();
      return { ok: true, guidance: guidance() };
    case 'ping':
      await engineReady();
      return { ok: true };
    default:
      return { ok: false, fatal: true, error: 'unknown request' };
  }
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  handle(msg).then(sendResponse, (e) => {
    // The error text never includes the draft.
    sendResponse({ ok: false, error: e instanceof Error ? e.name : 'error' });
  });
  return true;
});

/** Tells every tab to re-read its settings and re-check open drafts at once. */
async function broadcastSettings() {
  try {
    const tabs = await chrome.tabs.query({});
    for (const tab of tabs) {
      if (tab.id !== undefined && tab.id >= 0) {
        chrome.tabs.sendMessage(tab.id, { type: 'settings-changed' }).catch(() => {});
      }
    }
  } catch {
    // No tabs to tell.
  }
}

const CUSTOM_SCRIPT_ID = 'postcare-custom-sites';

/**
 * Registers the content script on the sites the worker added in the options page. Needs the
 * optional `scripting` permission and each site's optional host permission, both requested there.
 */
async function syncCustomSites() {
  try {
    if (!chrome.scripting?.registerContentScripts) return;
    const s = await settings();
    const matches = [];
    for (const origin of s.customSites) {
      const pattern = originPattern(origin);
      if (await chrome.permissions.contains({ origins: [pattern] })) matches.push(pattern);
    }
    const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [CUSTOM_SCRIPT_ID] });
    if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [CUSTOM_SCRIPT_ID] });
    if (matches.length) {
      await chrome.scripting.registerContentScripts([
        { id: CUSTOM_SCRIPT_ID, matches, js: ['content.js'], css: ['content.css'], runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    }
  } catch {
    // Without the permission there is nothing to register.
  }
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' && area !== 'managed') return;
  // The conversations' memory is not a setting: drafts need no new check when it changes.
  if (Object.keys(changes).every((k) => CONVERSATION_KEYS.includes(k))) return;
  settingsCache = null;
  if (area === 'managed') refreshManaged();
  if ('customSites' in changes) syncCustomSites();
  broadcastSettings();
});
chrome.permissions?.onAdded?.addListener(() => { syncCustomSites(); });
chrome.permissions?.onRemoved?.addListener(() => { syncCustomSites(); });
chrome.runtime.onInstalled.addListener(() => { syncCustomSites(); });
