// @ts-check
/**
 * Finds compose boxes (focusin plus a MutationObserver on the document), re-checks them on input
 * and on DOM mutations inside the editor (Lexical's undo fires no input event), and keeps each
 * one's findings, underlines, badge and card in step. Editors the page replaces or removes (single
 * page navigation) are dropped on the next sweep.
 *
 * Drafts are held only in memory, per editor, for as long as the editor exists.
 */
import { request, contextGone } from '../shared/messages.js';
import { t } from '../shared/i18n.js';
import { GENERIC_COMPOSERS } from './sites.js';
import { extract, rangeFor, offsetOf, isTextControl } from './text.js';
import { highlightSupported } from './highlighter.js';

/** @typedef {import('../shared/messages.js').Finding} Finding */
/** @typedef {import('./sites.js').Composer} Composer */

const DEBOUNCE_MS = 12;
const SWEEP_MS = 600;

/** Per-editor state. */
export class EditorState {
  /**
   * @param {HTMLElement} el
   * @param {Composer} composer
   */
  constructor(el, composer) {
    this.el = el;
    this.composer = composer;
    this.textarea = isTextControl(el);
    /** Text the current findings belong to. */
    this.text = '';
    /** @type {Finding[]} */
    this.findings = [];
    /** @type {Set<string>} */
    this.dismissed = new Set();
    /** @type {Set<string>} */
    this.announced = new Set();
    /** @type {{finding: Finding, range: Range | null}[]} */
    this.items = [];
    this.checked = false;
    this.engineOk = true;
    this.seq = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {MutationObserver | null} */
    this.observer = null;
    this.lastActive = 0;
    this.lastScheduled = -Infinity;
    /** @type {Promise<void> | null} */
    this.inflight = null;
    /** The last caret or selection inside the editor, as text offsets. @type {{start: number, end: number} | null} */
    this.caret = null;
  }

  /** @param {Finding} f */
  key(f) {
    return `${f.rule}\u0000${this.text.slice(f.start, f.end)}`;
  }

  /** Open (not dismissed) findings, warnings first, then by position. */
  open() {
    return this.findings
      .filter((f) => !this.dismissed.has(this.key(f)))
      .sort((a, b) => (a.severity === b.severity ? a.start - b.start : a.severity === 'warn' ? -1 : 1));
  }

  openWarn() {
    return this.open().filter((f) => f.severity === 'warn');
  }

  /** True when the findings belong to the editor's current text. */
  fresh() {
    return this.checked && extract(this.el).text === this.text;
  }
}

/** The editor root for an event target: a textarea, or the outermost contenteditable element. */
export function editorRoot(target) {
  /** @type {Node | null} */
  let node = target;
  if (node && node.nodeType === Node.TEXT_NODE) node = node.parentNode;
  if (!(node instanceof HTMLElement)) return null;
  if (isTextControl(node)) return node instanceof HTMLTextAreaElement ? node : null;
  if (!node.isContentEditable) return null;
  let root = node;
  while (root.parentElement && root.parentElement.isContentEditable) root = root.parentElement;
  return root;
}

export class Watcher {
  /**
   * @param {object} o
   * @param {import('./sites.js').Site} o.site
   * @param {import('./ui.js').UI} o.ui
   * @param {import('./highlighter.js').Highlighter} o.highlighter
   */
  constructor({ site, ui, highlighter }) {
    this.site = site;
    this.ui = ui;
    this.highlighter = highlighter;
    /** @type {Map<HTMLElement, EditorState>} */
    this.editors = new Map();
    /** @type {EditorState | null} */
    this.active = null;
    this.enabled = false;
    this.composers = [...site.composers, ...GENERIC_COMPOSERS];
    this.selectorAll = site.composers.filter((c) => !c.host).map((c) => c.selector).join(', ');
    this.layoutQueued = false;
    this.lastInputAt = 0;
    /** @type {{state: EditorState, index: number, pinned: boolean} | null} */
    this.card = null;
    this.hoverTimer = 0;
  }

  /** @param {HTMLElement} root */
  composerFor(root) {
    if (this.ui.owns(root)) return null;
    if (root.closest('[role="search"], [role="combobox"], [role="searchbox"]')) return null;
    const rootNode = root.getRootNode();
    for (const c of this.composers) {
      try {
        if (c.host) {
          if (rootNode instanceof ShadowRoot && rootNode.host.matches(c.host) && root.matches(c.selector)) return c;
        } else if (root.matches(c.selector)) {
          return c;
        }
      } catch {
        // A selector this browser does not support.
      }
    }
    return null;
  }

  /**
   * The state for an event target inside an editor, tracking the editor on first sight.
   * @param {EventTarget | null} target
   */
  stateFor(target) {
    const root = editorRoot(target);
    if (!root) return null;
    const known = this.editors.get(root);
    if (known) return known;
    const composer = this.composerFor(root);
    return composer ? this.track(root, composer) : null;
  }

  /** @param {HTMLElement} el @param {Composer} composer */
  track(el, composer) {
    const state = new EditorState(el, composer);
    if (!state.textarea) {
      state.observer = new MutationObserver(() => {
        if (this.enabled) this.schedule(state);
      });
      state.observer.observe(el, { childList: true, characterData: true, subtree: true });
    }
    this.editors.set(el, state);
    return state;
  }

  /** @param {EditorState} state */
  untrack(state) {
    clearTimeout(state.timer);
    state.observer?.disconnect();
    this.highlighter.clear(state);
    this.editors.delete(state.el);
    if (this.card && this.card.state === state) this.closeCard();
    if (this.active === state) {
      this.active = null;
      this.updateBadge();
    }
    this.queueLayout();
  }

  /** @param {EditorState} state */
  activate(state) {
    state.lastActive = performance.now();
    if (this.active !== state) {
      this.active = state;
      this.updateBadge();
    }
  }

  /** @param {EditorState} state @param {number} [delay] */
  schedule(state, delay = DEBOUNCE_MS) {
    clearTimeout(state.timer);
    // Leading edge: the first change after a pause is checked at once; bursts are debounced.
    const now = performance.now();
    if (now - state.lastScheduled > 4 * DEBOUNCE_MS) delay = 0;
    state.lastScheduled = now;
    state.timer = setTimeout(() => { this.checkNow(state).catch(() => {}); }, delay);
  }

  /**
   * Checks the editor's current text now (unless the findings already belong to it).
   * @param {EditorState} state
   */
  async checkNow(state) {
    clearTimeout(state.timer);
    if (!this.enabled || !state.el.isConnected) return;
    const text = extract(state.el).text;
    if (state.checked && text === state.text) return;
    const seq = ++state.seq;
    /** @type {Finding[]} */
    let findings = [];
    let ok = true;
    if (text.trim() !== '') {
      try {
        const response = await request({ type: 'check', text });
        findings = Array.isArray(response.findings) ? response.findings : [];
      } catch {
        ok = false;
        if (contextGone()) this.shutdown();
      }
    }
    if (seq !== state.seq) return;
    if (text.trim() === '') state.dismissed.clear();
    state.text = text;
    state.findings = findings;
    state.engineOk = ok;
    state.checked = true;
    this.render(state);
  }

  /** Re-checks every tracked editor (settings changed). */
  recheckAll() {
    for (const state of this.editors.values()) {
      state.checked = false;
      state.announced.clear();
      this.schedule(state, 0);
    }
  }

  /** @param {EditorState} state */
  render(state) {
    const ex = extract(state.el);
    if (ex.text !== state.text) {
      // The editor moved on since the check; its mutation or input will bring a new one.
      this.schedule(state);
      return;
    }
    const open = this.enabled ? state.open() : [];
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
      this.ui.announce(t('announceNew', [fresh[0].title, String(open.length)]));
    }
    if (open.length && (!this.active || this.active === state || document.activeElement === state.el || state.el.contains(document.activeElement))) {
      this.activate(state);
    }
    if (this.card && this.card.state === state) {
      if (open.length === 0) this.closeCard();
      else this.openCard(state, Math.min(this.card.index, open.length - 1), this.card.pinned, false);
    }
    this.updateBadge();
    this.queueLayout();
  }

  updateBadge() {
    const s = this.active;
    const open = s && this.enabled && s.el.isConnected ? s.open() : [];
    const warn = open.filter((f) => f.severity === 'warn').length;
    this.ui.setBadge(open.length, warn, s && s.el.isConnected ? s.el.getBoundingClientRect() : null);
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
    for (const state of this.editors.values()) {
      if (!state.items.length || !state.el.isConnected) continue;
      if (!state.textarea && highlightSupported) continue;
      const rects = this.rectsFor(state);
      rects.forEach((list, i) => {
        for (const rect of list) marks.push({ rect, severity: state.items[i].finding.severity });
      });
    }
    this.ui.drawMarks(marks);
    if (this.card) this.ui.placeCard(this.cardAnchor(this.card.state, this.card.index));
  }

  /** Viewport rectangles of each open finding of an editor. @param {EditorState} state */
  rectsFor(state) {
    if (state.textarea) {
      return this.highlighter.textareaRects(/** @type {HTMLTextAreaElement} */ (state.el),
        state.items.map((i) => ({ start: i.finding.start, end: i.finding.end })));
    }
    return state.items.map((i) => (i.range ? [...i.range.getClientRects()] : []));
  }

  /** @param {EditorState} state @param {number} index */
  cardAnchor(state, index) {
    const rects = this.rectsFor(state)[index] || [];
    if (rects.length) return rects[rects.length - 1];
    return state.el.isConnected ? state.el.getBoundingClientRect() : null;
  }

  /**
   * Opens the card for one open finding of an editor.
   * @param {EditorState} state
   * @param {number} index
   * @param {boolean} pinned  Opened by click or keyboard (stays until closed) rather than by hover.
   * @param {boolean} focus
   */
  openCard(state, index, pinned, focus) {
    const open = state.items.map((i) => i.finding);
    if (!open.length) return;
    index = ((index % open.length) + open.length) % open.length;
    const finding = open[index];
    this.card = { state, index, pinned };
    this.ui.showCard({
      finding,
      index,
      total: open.length,
      anchor: this.cardAnchor(state, index),
      focus,
      onApply: finding.suggestion !== undefined ? () => { this.applySuggestion(state, finding); } : undefined,
      onDismiss: () => {
        state.dismissed.add(state.key(finding));
        this.closeCard();
        this.render(state);
        if (state.open().length) this.openCard(state, index, true, true);
        else this.focusEditor(state);
      },
      onNavigate: (step) => this.openCard(state, index + step, true, true),
      onClose: () => {
        this.closeCard();
        this.focusEditor(state);
      },
    });
  }

  closeCard() {
    this.card = null;
    this.ui.closeCard(false);
  }

  /** @param {EditorState} state */
  focusEditor(state) {
    try {
      state.el.focus({ preventScroll: true });
    } catch {
      // Gone.
    }
  }

  /** The open finding under a viewport point, if any. @param {number} x @param {number} y */
  findingAt(x, y) {
    for (const state of this.editors.values()) {
      if (!state.items.length || !state.el.isConnected) continue;
      const box = state.el.getBoundingClientRect();
      if (x < box.left - 4 || x > box.right + 4 || y < box.top - 4 || y > box.bottom + 4) continue;
      const rects = this.rectsFor(state);
      for (let i = 0; i < rects.length; i++) {
        for (const r of rects[i]) {
          if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 2 && y <= r.bottom + 3) return { state, index: i };
        }
      }
    }
    return null;
  }

  /** Hover: open the card over an underline; close a hover card once the pointer leaves both. */
  onPointerMove(x, y) {
    const hit = this.findingAt(x, y);
    if (hit) {
      clearTimeout(this.hoverTimer);
      if (!this.card || this.card.state !== hit.state || this.card.index !== hit.index) {
        if (!this.card || !this.card.pinned) this.openCard(hit.state, hit.index, false, false);
      }
      return;
    }
    if (this.card && !this.card.pinned && !this.ui.cardContains(x, y)) {
      clearTimeout(this.hoverTimer);
      this.hoverTimer = window.setTimeout(() => {
        if (this.card && !this.card.pinned) this.closeCard();
      }, 400);
    }
  }

  /** Click on an underline opens its card and keeps it open. */
  onClick(x, y) {
    const hit = this.findingAt(x, y);
    if (hit) this.openCard(hit.state, hit.index, true, false);
    else if (this.card && this.card.pinned && !this.ui.cardContains(x, y)) this.closeCard();
  }

  /** Remembers where the caret is in a contenteditable editor (restored after the review dialog). */
  rememberCaret() {
    const sel = document.getSelection();
    if (!sel || !sel.rangeCount || !sel.anchorNode) return;
    const node = sel.anchorNode;
    let state = this.active && this.active.el.contains(node) ? this.active : null;
    if (!state) {
      for (const s of this.editors.values()) if (s.el.contains(node)) state = s;
    }
    if (!state || state.textarea) return;
    const range = sel.getRangeAt(0);
    const ex = extract(state.el);
    const start = offsetOf(ex, range.startContainer, range.startOffset);
    const end = offsetOf(ex, range.endContainer, range.endOffset);
    if (start >= 0 && end >= start) state.caret = { start, end };
  }

  /** Keyboard: the caret moved (without typing) into an underlined span. */
  onSelectionChange() {
    this.rememberCaret();
    const state = this.active;
    if (!state || !state.items.length || performance.now() - this.lastInputAt < 150) return;
    let caret = -1;
    if (state.textarea) {
      const ta = /** @type {HTMLTextAreaElement} */ (state.el);
      if (document.activeElement !== ta && !(ta.getRootNode() instanceof ShadowRoot)) return;
      caret = ta.selectionStart ?? -1;
    } else {
      const sel = document.getSelection();
      if (!sel || !sel.rangeCount || !sel.isCollapsed || !sel.anchorNode || !state.el.contains(sel.anchorNode)) return;
      caret = offsetOf(extract(state.el), sel.anchorNode, sel.anchorOffset);
    }
    if (caret < 0) return;
    const index = state.items.findIndex((i) => i.finding.start <= caret && caret <= i.finding.end);
    if (index >= 0 && (!this.card || this.card.state !== state || this.card.index !== index)) {
      this.openCard(state, index, true, false);
    }
  }

  /**
   * Replaces a finding's span with its suggestion through the editor's own input path, so the
   * editor's model (Lexical, Draft.js, ProseMirror, Quill, React state) stays in step.
   * @param {EditorState} state
   * @param {Finding} finding
   */
  async applySuggestion(state, finding) {
    const replacement = finding.suggestion ?? '';
    const el = state.el;
    this.closeCard();
    try {
      const ex = extract(el);
      if (ex.text !== state.text) {
        this.schedule(state, 0);
        return;
      }
      if (state.textarea) {
        const ta = /** @type {HTMLTextAreaElement} */ (el);
        ta.focus({ preventScroll: true });
        ta.setRangeText(replacement, finding.start, finding.end, 'end');
        ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: replacement }));
      } else {
        const range = rangeFor(ex, finding.start, finding.end);
        if (!range) return;
        el.focus({ preventScroll: true });
        const sel = document.getSelection();
        if (!sel) return;
        sel.removeAllRanges();
        sel.addRange(range);
        // Let the editor see the selectionchange and sync its own selection first.
        await new Promise((r) => setTimeout(r, 20));
        const now = document.getSelection();
        if (!now || !now.rangeCount) return;
        const done = replacement === ''
          ? document.execCommand('delete', false)
          : document.execCommand('insertText', false, replacement);
        if (!done) {
          // Editors that refuse execCommand get the same edit as a beforeinput they handle.
          el.dispatchEvent(new InputEvent('beforeinput', {
            bubbles: true, cancelable: true, composed: true,
            inputType: replacement === '' ? 'deleteContentBackward' : 'insertReplacementText', data: replacement,
          }));
        }
      }
    } catch {
      // Leave the text as it is.
    }
    this.schedule(state, 0);
  }

  /** Tracks compose boxes that appear with text in them already (restored drafts), drops dead ones. */
  sweep() {
    this.ui.attach();
    for (const state of [...this.editors.values()]) {
      if (!state.el.isConnected) this.untrack(state);
      else if (state.textarea && this.enabled && state.checked && /** @type {HTMLTextAreaElement} */ (state.el).value !== state.text) {
        // The page set the textarea's value without an input event (e.g. cleared after sending).
        this.schedule(state, 0);
      }
    }
    if (!this.enabled || !this.selectorAll) return;
    try {
      for (const el of document.querySelectorAll(this.selectorAll)) {
        const state = this.stateFor(el);
        if (state && !state.checked && extract(state.el).text.trim() !== '') this.schedule(state, 0);
      }
    } catch {
      // Unsupported selector.
    }
  }

  /** @param {boolean} enabled */
  setEnabled(enabled) {
    this.enabled = enabled;
    if (!enabled) {
      for (const state of this.editors.values()) {
        state.items = [];
        this.highlighter.clear(state);
      }
      this.closeCard();
      this.ui.drawMarks([]);
      this.updateBadge();
    } else {
      this.recheckAll();
    }
  }

  shutdown() {
    this.setEnabled(false);
    for (const state of [...this.editors.values()]) this.untrack(state);
    this.stopped = true;
  }

  start() {
    const sweepSoon = (() => {
      let queued = false;
      return () => {
        if (queued) return;
        queued = true;
        setTimeout(() => { queued = false; this.sweep(); }, 200);
      };
    })();
    new MutationObserver(sweepSoon).observe(document.documentElement, { childList: true, subtree: true });
    this.sweepInterval = setInterval(() => this.sweep(), SWEEP_MS);
    sweepSoon();
  }
}
