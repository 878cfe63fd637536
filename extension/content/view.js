// @ts-check
/**
 * Keeps what a worker sees in step with each editor's findings: the underlines (highlighter.js),
 * the badge of the active editor (badge.js), the open card (hover.js) and screen-reader
 * announcements. Called by the watcher's hooks after every check, and on scroll and resize.
 */
import { t } from '../shared/i18n.js';
import { readDraft, rangeFor } from './text.js';
import { highlightSupported } from './highlighter.js';

/** @typedef {import('./watcher.js').EditorState} EditorState */
/** @typedef {import('./badge.js').BadgeStatus} BadgeStatus */

export class View {
  /**
   * @param {object} o
   * @param {import('./layer.js').Layer} o.layer
   * @param {import('./watcher.js').Watcher} o.watcher
   * @param {import('./highlighter.js').Highlighter} o.highlighter
   * @param {import('./badge.js').Badge} o.badge
   * @param {() => void} [o.updated]  Called whenever the badge is brought up to date (the banner follows it).
   */
  constructor({ layer, watcher, highlighter, badge, updated = () => {} }) {
    this.layer = layer;
    this.watcher = watcher;
    this.highlighter = highlighter;
    this.badge = badge;
    this.updated = updated;
    /** The card and hover handler, connected once built (it needs the view too). @type {import('./hover.js').CardHandler} */
    this.cards = /** @type {any} */ (null);
    /** Publish status shown on an editor's badge, and the text it was set for. @type {Map<EditorState, {status: BadgeStatus, text: string}>} */
    this.status = new Map();
    this.layoutQueued = false;
  }

  /** Shows a check's findings for an editor. @param {EditorState} state */
  render(state) {
    const w = this.watcher;
    const ex = readDraft(state.el);
    if (ex.text !== state.text) {
      // The editor moved on since the check; its mutation or input will bring a new one.
      w.schedule(state);
      return;
    }
    // "Not checked" stays until a new draft is written and checked (not when the page empties the
    // box after sending).
    const status = this.status.get(state);
    if (status && status.status === 'unchecked' && state.engineOk && state.text.trim() !== '' && state.text !== status.text) {
      this.status.delete(state);
    }
    const open = w.enabled ? state.open() : [];
    state.items = open.map((finding) => ({
      finding,
      range: state.textarea ? null : rangeFor(ex, finding.start, finding.end),
    }));
    if (!state.textarea) {
      this.highlighter.set(state, state.el, state.items.map((i) => ({ range: i.range, severity: i.finding.severity })));
    }
    // Announce warnings that are new to this draft.
    const keys = new Set(open.map((f) => state.key(f)));
    const fresh = open.filter((f) => f.severity === 'warn' && !state.announced.has(state.key(f)));
    state.announced = keys;
    if (fresh.length) {
      this.layer.announce(t('announceNew', [fresh[0].title, String(open.length)]));
    }
    if (open.length && (!w.active || w.active === state || document.activeElement === state.el || state.el.contains(document.activeElement))) {
      w.activate(state);
    }
    this.cards.refresh(state);
    this.updateBadge();
    this.queueLayout();
  }

  /** An editor went away. @param {EditorState} state */
  forget(state) {
    this.highlighter.clear(state);
    this.status.delete(state);
    this.cards.forget(state);
    this.updateBadge();
    this.queueLayout();
  }

  /** Checking was switched off: nothing is shown. */
  clear() {
    for (const state of this.watcher.editors.values()) this.highlighter.clear(state);
    this.status.clear();
    this.cards.close();
    this.highlighter.drawMarks([]);
    this.updateBadge();
  }

  /**
   * Shows (or clears) a publish status on an editor's badge.
   * @param {EditorState} state
   * @param {BadgeStatus} status
   */
  setStatus(state, status) {
    if (status) {
      this.status.set(state, { status, text: readDraft(state.el).text });
      this.watcher.activate(state);
      if (status === 'unchecked') this.layer.announce(t('badgeUnchecked'));
    } else {
      this.status.delete(state);
    }
    this.updateBadge();
  }

  updateBadge() {
    const w = this.watcher;
    const s = w.active;
    const live = !!s && w.enabled && s.el.isConnected;
    const open = live ? s.open() : [];
    this.badge.set({
      count: open.length,
      warn: open.filter((f) => f.severity === 'warn').length,
      rect: live ? s.el.getBoundingClientRect() : null,
      status: live ? this.status.get(s)?.status || '' : '',
    });
    this.updated();
  }

  queueLayout() {
    if (this.layoutQueued) return;
    this.layoutQueued = true;
    requestAnimationFrame(() => {
      this.layoutQueued = false;
      this.layout();
    });
  }

  /** Positions the badge, the overlay marks and the card. */
  layout() {
    this.updateBadge();
    /** @type {{rect: DOMRect, severity: string}[]} */
    const marks = [];
    for (const state of this.watcher.editors.values()) {
      if (!state.items.length || !state.el.isConnected) continue;
      if (!state.textarea && highlightSupported) continue;
      this.rectsFor(state).forEach((list, i) => {
        for (const rect of list) marks.push({ rect, severity: state.items[i].finding.severity });
      });
    }
    this.highlighter.drawMarks(marks);
    this.cards.place();
  }

  /** Viewport rectangles of each open finding of an editor. @param {EditorState} state */
  rectsFor(state) {
    if (state.textarea) {
      return this.highlighter.textareaRects(/** @type {HTMLTextAreaElement} */ (state.el),
        state.items.map((i) => ({ start: i.finding.start, end: i.finding.end })));
    }
    return state.items.map((i) => (i.range ? [...i.range.getClientRects()] : []));
  }

  /**
   * Where the card for one finding goes: beside its words, keeping the editor's other underlined
   * words clear where it can.
   * @param {EditorState} state
   * @param {number} index
   * @returns {import('./card.js').Anchor}
   */
  anchor(state, index) {
    const rects = this.rectsFor(state);
    return {
      words: rects[index] || [],
      avoid: rects.filter((_, i) => i !== index).flat(),
      fallback: state.el.isConnected ? state.el.getBoundingClientRect() : null,
    };
  }
}
