// @ts-check
/**
 * Which card is open, and when: the card opens over an underline on hover (and closes once the
 * pointer leaves both), stays open on click, opens when the caret moves into an underlined span
 * and from the badge. Its buttons apply a suggestion, dismiss a finding for this post, move
 * between findings, or close it.
 */
import { readDraft, offsetOf } from './text.js';
import { applySuggestion } from './suggest.js';

/** @typedef {import('./watcher.js').EditorState} EditorState */

export class CardHandler {
  /**
   * @param {object} o
   * @param {import('./card.js').Card} o.card
   * @param {import('./watcher.js').Watcher} o.watcher
   * @param {import('./view.js').View} o.view
   */
  constructor({ card, watcher, view }) {
    this.card = card;
    this.watcher = watcher;
    this.view = view;
    /** The open card: whose finding, and whether it stays until closed. @type {{state: EditorState, index: number, pinned: boolean} | null} */
    this.open = null;
    this.hoverTimer = 0;
  }

  /**
   * Opens the card for one open finding of an editor.
   * @param {EditorState} state
   * @param {number} index
   * @param {boolean} pinned  Opened by click or keyboard (stays until closed) rather than by hover.
   * @param {boolean} focus
   */
  show(state, index, pinned, focus) {
    const open = state.items.map((i) => i.finding);
    if (!open.length) return;
    index = ((index % open.length) + open.length) % open.length;
    const finding = open[index];
    this.open = { state, index, pinned };
    this.card.show({
      finding,
      index,
      total: open.length,
      anchor: this.view.anchor(state, index),
      focus,
      handlers: {
        onApply: finding.suggestion !== undefined ? () => { this.apply(state, finding); } : undefined,
        onDismiss: () => {
          state.dismissed.add(state.key(finding));
          this.close();
          this.view.render(state);
          if (state.open().length) this.show(state, index, true, true);
          else focusEditor(state);
        },
        onNavigate: (step) => this.show(state, index + step, true, true),
        onClose: () => {
          this.close();
          focusEditor(state);
        },
      },
    });
  }

  close() {
    this.open = null;
    this.card.close();
  }

  /** After a check: refill the open card, or close it when its editor has nothing left. @param {EditorState} state */
  refresh(state) {
    if (!this.open || this.open.state !== state) return;
    if (!state.items.length) this.close();
    else this.show(state, Math.min(this.open.index, state.items.length - 1), this.open.pinned, false);
  }

  /** @param {EditorState} state */
  forget(state) {
    if (this.open && this.open.state === state) this.close();
  }

  /** Keeps the open card beside its underline (scroll, resize, new layout). */
  place() {
    if (this.open) this.card.place(this.view.anchor(this.open.state, this.open.index));
  }

  /** @param {EditorState} state @param {import('../shared/messages.js').Finding} finding */
  async apply(state, finding) {
    this.close();
    await applySuggestion(state, finding);
    this.watcher.schedule(state, 0);
  }

  /** The badge was clicked: open (or close) the card for the active editor's first finding. */
  toggleFromBadge() {
    const state = this.watcher.active;
    if (!state || !state.items.length) return;
    if (this.open && this.open.state === state) this.close();
    else this.show(state, 0, true, true);
  }

  /** The badge got focus: open the card for the active editor's first finding. */
  showFromBadge() {
    const state = this.watcher.active;
    if (state && state.items.length && !this.open) this.show(state, 0, true, false);
  }

  /** The open finding under a viewport point, if any. @param {number} x @param {number} y */
  findingAt(x, y) {
    for (const state of this.watcher.editors.values()) {
      if (!state.items.length || !state.el.isConnected) continue;
      const box = state.el.getBoundingClientRect();
      if (x < box.left - 4 || x > box.right + 4 || y < box.top - 4 || y > box.bottom + 4) continue;
      const rects = this.view.rectsFor(state);
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
      if (!this.open || this.open.state !== hit.state || this.open.index !== hit.index) {
        if (!this.open || !this.open.pinned) this.show(hit.state, hit.index, false, false);
      }
      return;
    }
    if (this.open && !this.open.pinned && !this.card.contains(x, y)) {
      clearTimeout(this.hoverTimer);
      this.hoverTimer = window.setTimeout(() => {
        if (this.open && !this.open.pinned) this.close();
      }, 400);
    }
  }

  /** Click on an underline opens its card and keeps it open. */
  onClick(x, y) {
    const hit = this.findingAt(x, y);
    if (hit) this.show(hit.state, hit.index, true, false);
    else if (this.open && this.open.pinned && !this.card.contains(x, y)) this.close();
  }

  /** Keyboard: the caret moved (without typing) into an underlined span. */
  onSelectionChange() {
    const w = this.watcher;
    w.rememberCaret();
    const state = w.active;
    if (!state || !state.items.length || performance.now() - w.lastInputAt < 150) return;
    let caret = -1;
    if (state.textarea) {
      const ta = /** @type {HTMLTextAreaElement} */ (state.el);
      if (document.activeElement !== ta && !(ta.getRootNode() instanceof ShadowRoot)) return;
      caret = ta.selectionStart ?? -1;
    } else {
      const sel = document.getSelection();
      if (!sel || !sel.rangeCount || !sel.isCollapsed || !sel.anchorNode || !state.el.contains(sel.anchorNode)) return;
      caret = offsetOf(readDraft(state.el), sel.anchorNode, sel.anchorOffset);
    }
    if (caret < 0) return;
    const index = state.items.findIndex((i) => i.finding.start <= caret && caret <= i.finding.end);
    if (index >= 0 && (!this.open || this.open.state !== state || this.open.index !== index)) {
      this.show(state, index, true, false);
    }
  }
}

/** @param {EditorState} state */
function focusEditor(state) {
  try {
    state.el.focus({ preventScroll: true });
  } catch {
    // Gone.
  }
}
