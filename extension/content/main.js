// @ts-check
/**
 * Content script entry: runs on the supported sites (and sites the worker added). Installs the
 * publish guard at once, then, once the page has a body, the layer of UI (badge, card, review
 * dialog, underlines), the watcher and the view, and wires the page's events to them.
 *
 * Every listener, observer and timer started here or in the parts hangs off one AbortController:
 * when the extension goes away (reloaded, removed), shutdown() aborts it and removes the UI, and
 * the page is left as if the extension had never been there.
 */
import { request, contextGone } from '../shared/messages.js';
import { siteForHost, customSite } from '../shared/sites.js';
import { readConfig } from '../shared/config.js';
import { Layer } from './layer.js';
import { Badge } from './badge.js';
import { Card } from './card.js';
import { Review } from './review.js';
import { Banner } from './banner.js';
import { Highlighter } from './highlighter.js';
import { Watcher } from './watcher.js';
import { View } from './view.js';
import { CardHandler } from './hover.js';
import { Guard } from './guard.js';
import { applyAll } from './suggest.js';
import { recipientsFor } from './conversation.js';
import { locationFor } from './location.js';
import { describe, watchAttachments } from './attachments.js';
import { Conversations, today, watchedConversation } from './conversations.js';
import { holds } from './asks.js';

/** @typedef {import('../shared/messages.js').Finding} Finding */

/**
 * What this tab's content script covers, for the popup: whether checking is on, and the compose
 * boxes it knows (never their text).
 * @param {Watcher} w
 * @param {import('../shared/sites.js').Site} site
 */
function coverage(w, site) {
  const boxes = [...w.editors.values()].filter((s) => s.el.isConnected).map((s) => ({
    generic: !!s.composer.generic,
    label: (s.el.getAttribute('aria-label') || s.el.getAttribute('placeholder') || '').slice(0, 80),
    active: s === w.active,
    checked: s.checked && s.engineOk,
    warnings: s.checked ? s.openWarn().length : 0,
  }));
  let seen = 0;
  try {
    if (w.selectorAll) seen = [...document.querySelectorAll(w.selectorAll)].filter((el) => el.getClientRects().length > 0).length;
  } catch {
    // Unsupported selector.
  }
  return { ok: true, enabled: w.enabled, site: site.id, boxes, siteBoxesOnPage: seen };
}

function main() {
  if (/** @type {any} */ (window).__postcareRunning) return;
  /** @type {any} */ (window).__postcareRunning = true;

  const site = siteForHost(location.hostname) || customSite(location.hostname);
  const controller = new AbortController();
  const { signal } = controller;
  const guard = new Guard(site, signal);
  guard.install();
  // Wake the service worker and its engine now, while the page loads, so that the first draft
  // does not wait for them; and read whether this page is checked from storage, without waiting
  // for the worker either.
  request({ type: 'ping' }).catch(() => {});
  /** @param {import('../shared/config.js').PageConfig} c */
  const onManaged = (c) => { watcher?.setEnabled(c.enabled); };
  let config = readConfig(location.href, onManaged);

  /** @type {Watcher | null} */
  let watcher = null;
  /** @type {Layer | null} */
  let layer = null;
  const shutdown = () => {
    if (signal.aborted) return;
    controller.abort();
    layer?.remove();
  };

  /**
   * @param {string} text
   * @param {import('./watcher.js').DraftContext} [context]
   * @returns {Promise<import('./watcher.js').CheckResult>}
   */
  const check = async (text, context) => {
    try {
      const response = await request({ type: 'check', text, ...context });
      return {
        findings: Array.isArray(response.findings) ? response.findings : [],
        prompts: Array.isArray(response.prompts) ? response.prompts : [],
      };
    } catch (e) {
      if (contextGone()) shutdown();
      throw e;
    }
  };

  /** Applies the page's config: checking on or off (paused, or the site switched off). */
  const applyConfig = async () => {
    try {
      const c = await config;
      watcher?.setEnabled(c.enabled);
    } catch {
      if (contextGone()) shutdown();
      // Storage unreadable: keep checking; the engine decides whether anything is held.
    }
  };

  const start = () => {
    if (signal.aborted) return;
    const ui = new Layer();
    layer = ui;
    const badge = new Badge(ui);
    const card = new Card(ui);
    const review = new Review(ui);
    const highlighter = new Highlighter(ui);
    /** @type {View} */
    let view;
    const w = new Watcher({
      site,
      check,
      contextOf: (state) => {
        const to = recipientsFor(site, state.composer, state.el);
        const attachments = state.attachments.length ? { attachments: state.attachments } : {};
        if (to) return { context: 'message', to, ...attachments };
        const location = locationFor(site, state.composer, state.el);
        return location ? { ...attachments, location } : attachments;
      },
      owns: (node) => ui.owns(node),
      signal,
      hooks: {
        result: (state) => view.render(state),
        untracked: (state) => view.forget(state),
        activated: () => view.updateBadge(),
        disabled: () => view.clear(),
        sweep: () => ui.attach(),
      },
    });
    watcher = w;
    const conversations = new Conversations(site.id);
    const banner = new Banner({ layer: ui, watcher: w, conversations, signal });
    view = new View({ layer: ui, watcher: w, highlighter, badge, updated: () => banner.update() });
    const cards = new CardHandler({ card, watcher: w, view });
    view.cards = cards;
    signal.addEventListener('abort', () => {
      for (const state of w.editors.values()) highlighter.clear(state);
      review.close();
    }, { once: true });

    guard.connect({
      enabled: () => w.enabled,
      owns: (node) => ui.owns(node),
      draftAt: (target) => w.stateFor(target),
      drafts: () => w.editors.values(),
      checkNow: (state) => w.checkNow(state),
      holds: (state) => holds(state, conversations),
      prepare: async (state) => {
        if (watchedConversation(state)) await conversations.load(state);
      },
      noteCaret: () => w.rememberCaret(),
      review: async (state) => {
        cards.close();
        const watched = watchedConversation(state);
        if (watched) conversations.update(state, { reviewed: today() });
        const choice = await review.show({
          findings: state.open(),
          text: state.text,
          prompts: state.answered === state.contextKey ? [] : state.prompts,
          stopAsking: watched ? () => { conversations.update(state, { off: true }); } : undefined,
          makeSafe: async () => {
            const applied = await applyAll(state);
            // Re-checked until the findings belong to the text the edits left.
            for (let i = 0; i < 5 && !state.fresh(); i++) await w.checkNow(state);
            return { applied, findings: state.open(), text: state.text };
          },
        });
        // The photo question is answered for what is attached now.
        if (choice === 'post') state.answered = state.contextKey;
        return choice;
      },
      setStatus: (state, status) => view.setStatus(state, status),
    });

    // Keep the engine warm while the worker is writing: a stopped service worker restarts on the
    // next message, but compiling the rules again costs time, so wake it as soon as a compose box
    // gets focus and keep it awake while the worker keeps using one.
    let lastUse = -Infinity;
    let lastPing = -Infinity;
    const ping = () => {
      const now = performance.now();
      if (now - lastPing > 20000) {
        lastPing = now;
        request({ type: 'ping' }).catch(() => {});
      }
    };
    const warm = () => {
      lastUse = performance.now();
      ping();
    };
    const keepWarm = setInterval(() => {
      if (w.enabled && performance.now() - lastUse < 120000) ping();
    }, 20000);
    signal.addEventListener('abort', () => clearInterval(keepWarm), { once: true });

    // Input, focus and pointer events, seen from window in the capture phase so that editors in
    // shadow roots are found too (composedPath()[0] is the real target).
    const capture = { capture: true, signal };
    const passive = { capture: true, passive: true, signal };
    window.addEventListener('focusin', (e) => {
      if (!w.enabled) return;
      const state = w.stateFor(e.composedPath()[0]);
      if (state) {
        warm();
        w.activate(state);
        if (!state.checked) w.schedule(state, 0);
      }
    }, capture);
    window.addEventListener('input', (e) => {
      if (!w.enabled) return;
      const state = w.stateFor(e.composedPath()[0]);
      if (state) {
        w.lastInputAt = performance.now();
        lastUse = w.lastInputAt;
        w.activate(state);
        if (!state.textarea) w.rememberCaret();
        w.schedule(state);
      }
    }, capture);
    let moveQueued = false;
    let lastX = 0;
    let lastY = 0;
    window.addEventListener('pointermove', (e) => {
      lastX = e.clientX;
      lastY = e.clientY;
      if (moveQueued || !w.enabled || !w.editors.size || review.isOpen) return;
      moveQueued = true;
      requestAnimationFrame(() => {
        moveQueued = false;
        try { cards.onPointerMove(lastX, lastY); } catch { /* never break the page */ }
      });
    }, passive);
    window.addEventListener('click', (e) => {
      if (!w.enabled || !w.editors.size || review.isOpen || ui.owns(e.composedPath()[0])) return;
      try { cards.onClick(e.clientX, e.clientY); } catch { /* never break the page */ }
    }, passive);
    document.addEventListener('selectionchange', () => {
      // While the review dialog is up, "Make it safe" moves the selection: no card opens.
      if (!w.enabled || review.isOpen) return;
      try { cards.onSelectionChange(); } catch { /* never break the page */ }
    }, { signal });
    window.addEventListener('scroll', () => view.queueLayout(), passive);
    window.addEventListener('resize', () => view.queueLayout(), { passive: true, signal });
    window.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && cards.open) cards.close();
    }, capture);

    // Photos and videos: chosen through a file input (attached to the compose box in use), or
    // pasted into a box or dropped on it.
    watchAttachments(signal, async (target, files) => {
      if (!w.enabled) return;
      const state = w.stateFor(target) || w.active;
      if (!state) return;
      for (const file of files) {
        const attachment = await describe(file);
        if (attachment && !signal.aborted) state.attachments.push(attachment);
      }
      w.schedule(state, 0);
    });

    // The badge opens the card for the first open finding, and takes focus there.
    badge.node.addEventListener('click', () => cards.toggleFromBadge(), { signal });
    badge.node.addEventListener('focus', () => cards.showFromBadge(), { signal });

    /**
     * Settings changed (from the worker), and the popup asking what is covered on this tab.
     * @param {any} msg
     * @param {chrome.runtime.MessageSender} _sender
     * @param {(response: any) => void} sendResponse
     */
    const onMessage = (msg, _sender, sendResponse) => {
      if (msg && msg.type === 'settings-changed') {
        config = readConfig(location.href, onManaged);
        applyConfig().then(() => w.enabled && w.recheckAll());
      } else if (msg && msg.type === 'coverage') {
        sendResponse(coverage(w, site));
      }
      return false;
    };
    chrome.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => {
      try { chrome.runtime.onMessage.removeListener(onMessage); } catch { /* context gone */ }
    }, { once: true });

    // Checking starts at once on the sites the content script runs on; the stored config, read
    // since the script started, switches it off where the worker paused it.
    w.setEnabled(true);
    w.start();
    applyConfig();
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true, signal });
  else start();
}

try {
  main();
} catch {
  // Fail open: the page works as if the extension were not installed.
}
