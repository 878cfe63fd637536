// @ts-check
/**
 * Content script entry: runs on the supported sites (and sites the worker added). Installs the
 * publish guard at once, then the UI, the highlighter and the watcher once the page has a body.
 */
import { request, contextGone } from '../shared/messages.js';
import { siteForHost, customSite } from './sites.js';
import { UI } from './ui.js';
import { Highlighter } from './highlighter.js';
import { Watcher } from './watcher.js';
import { Guard } from './guard.js';

function main() {
  if (/** @type {any} */ (window).__postcareRunning) return;
  /** @type {any} */ (window).__postcareRunning = true;

  const site = siteForHost(location.hostname) || customSite(location.hostname);
  /** @type {Watcher | null} */
  let watcher = null;
  const guard = new Guard(site);
  guard.install();

  const refreshConfig = async () => {
    try {
      const config = await request({ type: 'config', url: location.href });
      watcher?.setEnabled(!!config.enabled);
    } catch {
      // Worker unavailable: stay off (fail open: nothing is held).
      if (contextGone()) watcher?.shutdown();
    }
  };

  const start = () => {
    const ui = new UI();
    const highlighter = new Highlighter(ui);
    watcher = new Watcher({ site, ui, highlighter });
    guard.connect(watcher, ui);
    const w = watcher;

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
    setInterval(() => {
      if (w.enabled && performance.now() - lastUse < 120000) ping();
    }, 20000);

    // Input, focus and pointer events, seen from window in the capture phase so that editors in
    // shadow roots are found too (composedPath()[0] is the real target).
    window.addEventListener('focusin', (e) => {
      if (!w.enabled) return;
      const state = w.stateFor(e.composedPath()[0]);
      if (state) {
        warm();
        w.activate(state);
        if (!state.checked) w.schedule(state, 0);
      }
    }, true);
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
    }, true);
    let moveQueued = false;
    let lastX = 0;
    let lastY = 0;
    window.addEventListener('pointermove', (e) => {
      lastX = e.clientX;
      lastY = e.clientY;
      if (moveQueued || !w.enabled || !w.editors.size) return;
      moveQueued = true;
      requestAnimationFrame(() => {
        moveQueued = false;
        try { w.onPointerMove(lastX, lastY); } catch { /* never break the page */ }
      });
    }, { capture: true, passive: true });
    window.addEventListener('click', (e) => {
      if (!w.enabled || !w.editors.size || ui.owns(e.composedPath()[0])) return;
      try { w.onClick(e.clientX, e.clientY); } catch { /* never break the page */ }
    }, { capture: true, passive: true });
    document.addEventListener('selectionchange', () => {
      if (!w.enabled) return;
      try { w.onSelectionChange(); } catch { /* never break the page */ }
    });
    window.addEventListener('scroll', () => w.queueLayout(), { capture: true, passive: true });
    window.addEventListener('resize', () => w.queueLayout(), { passive: true });
    window.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && w.card) w.closeCard();
    }, true);

    // The badge opens the card for the first open finding, and takes focus there.
    ui.badge.addEventListener('click', () => {
      const state = w.active;
      if (!state || !state.items.length) return;
      if (w.card && w.card.state === state) w.closeCard();
      else w.openCard(state, 0, true, true);
    });
    ui.badge.addEventListener('focus', () => {
      const state = w.active;
      if (state && state.items.length && !w.card) w.openCard(state, 0, true, false);
    });

    chrome.runtime.onMessage.addListener((msg) => {
      if (msg && msg.type === 'settings-changed') refreshConfig().then(() => w.enabled && w.recheckAll());
    });

    w.start();
    refreshConfig();
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

try {
  main();
} catch {
  // Fail open: the page works as if the extension were not installed.
}
