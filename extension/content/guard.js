// @ts-check
/**
 * The publish guard: while a compose box has something to ask (an open `warn` finding, a photo
 * question not yet answered: the content script decides, see GuardPort.holds), its publish action
 * is held and the review dialog asks once more. "Edit post" returns to the editor; "Post anyway"
 * performs the original action exactly once (the same control clicked again, or the same key
 * pressed again, with a one-shot bypass). `caution` findings never hold anything.
 *
 * No post goes out unchecked while the extension is merely starting: when Post, Send or Enter
 * comes before the draft's current text has a result, the action is held and the badge says
 * "Checking…" until the result comes, then the guard decides as above.
 *
 * Fails open only when the extension is broken: the engine failed (an error, a worker that cannot
 * start), no result came within CHECK_BOUND_MS, or anything here throws. Then the action goes
 * through as if the extension were not installed, and the badge says the post was not checked.
 */
import { editorRoot } from './watcher.js';
import { readDraft, rangeFor, isTextControl } from './text.js';
import { submitLike } from '../shared/sites.js';

/** @typedef {import('./watcher.js').EditorState} EditorState */

/**
 * What the guard needs from the rest of the content script, and nothing more.
 * @typedef {object} GuardPort
 * @property {() => boolean} enabled  Checking is on for this page.
 * @property {(node: unknown) => boolean} owns  True for the extension's own UI.
 * @property {(target: EventTarget | null) => EditorState | null} draftAt  The compose box an event target is in (tracked on first sight).
 * @property {() => Iterable<EditorState>} drafts  Every tracked compose box.
 * @property {(state: EditorState) => Promise<void>} checkNow  Checks a draft's current text.
 * @property {(state: EditorState) => boolean} holds  Whether a checked draft's publish must wait for the review dialog.
 * @property {(state: EditorState) => Promise<void>} prepare  Reads what `holds` needs beyond the check (the conversation's memory).
 * @property {() => void} noteCaret  Remembers where the caret is in the active compose box.
 * @property {(state: EditorState) => Promise<'edit' | 'post'>} review  Shows the review dialog for a draft's open findings.
 * @property {(state: EditorState, status: import('./badge.js').BadgeStatus) => void} setStatus  Shows "Checking…" or "not checked" on the badge.
 */

/** How long Post, Send or Enter waits for the first result before it goes through unchecked. */
export const CHECK_BOUND_MS = 2000;

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The ancestors of a node, crossing shadow roots, nearest first. @param {Node} node */
function ancestors(node) {
  const out = [];
  /** @type {Node | null} */
  let n = node;
  while (n) {
    out.push(n);
    n = n.parentNode || (n instanceof ShadowRoot ? n.host : null);
  }
  return out;
}

/** Depth of the deepest common ancestor of two nodes (larger = more closely related). */
function kinship(a, b) {
  const chainA = ancestors(a);
  const setB = new Set(ancestors(b));
  for (let i = 0; i < chainA.length; i++) {
    if (setB.has(chainA[i])) return chainA.length - i;
  }
  return 0;
}

/** How many levels above a compose box its generic submit button may sit. */
const NEAR = 6;

/** Steps from `a` up to the nearest ancestor that also holds `b`. @param {Node} a @param {Node} b */
function distance(a, b) {
  const setB = new Set(ancestors(b));
  const chainA = ancestors(a);
  const i = chainA.findIndex((n) => setB.has(n));
  return i < 0 ? Infinity : i;
}

/** @param {Element} control */
function isNativeButton(control) {
  return control instanceof HTMLButtonElement || (control instanceof HTMLInputElement && /^(submit|button)$/.test(control.type));
}

/**
 * Dispatches a copy of a key event (legacy keyCode/which included: some editors read them).
 * @param {EventTarget} target
 * @param {KeyboardEvent} e
 */
function redispatchKey(target, e) {
  // keyCode/which/charCode go in the init dictionary (legacy members Chromium and Gecko honour):
  // properties defined on the event object here would stay in this isolated world, unseen by the
  // page's handlers.
  const init = /** @type {KeyboardEventInit} */ ({
    key: e.key, code: e.code, location: e.location, repeat: false,
    ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, altKey: e.altKey,
    keyCode: e.keyCode, which: e.which, charCode: e.charCode,
    bubbles: true, cancelable: true, composed: true, view: window,
  });
  target.dispatchEvent(new KeyboardEvent(e.type, init));
}

export class Guard {
  /**
   * Installed at document_start, before the page's own scripts add their listeners; the rest of
   * the content script is connected once the page has loaded ({@link Guard#connect}).
   * @param {import('../shared/sites.js').Site} site
   * @param {AbortSignal} signal  Removes the guard's listeners.
   */
  constructor(site, signal) {
    this.site = site;
    this.signal = signal;
    /** @type {GuardPort | null} */
    this.port = null;
    this.bypass = false;
    this.reviewing = false;
    /** Submit-like controls found without a site selector. @type {WeakSet<Element>} */
    this.generic = new WeakSet();
  }

  /** @param {GuardPort} port */
  connect(port) {
    this.port = port;
  }

  install() {
    const opts = { capture: true, signal: this.signal };
    window.addEventListener('click', (e) => this.safely(() => this.onClick(e)), opts);
    window.addEventListener('keydown', (e) => this.safely(() => this.onKeydown(e)), opts);
    window.addEventListener('pointerdown', (e) => this.safely(() => this.onPointerDown(e)), opts);
    window.addEventListener('submit', (e) => this.safely(() => this.onSubmit(e)), opts);
  }

  /** Anything that throws lets the event through untouched. @param {() => void} fn */
  safely(fn) {
    if (!this.port || !this.port.enabled()) return;
    try {
      fn();
    } catch {
      // Fail open.
    }
  }

  /** The publish control in an event's path, if any. @param {Event} e */
  /** The connected port (the guard acts only once it is connected). */
  get p() {
    return /** @type {GuardPort} */ (this.port);
  }

  controlFor(e) {
    for (const node of e.composedPath()) {
      if (!(node instanceof Element)) continue;
      if (this.p.owns(node)) return null;
      for (const p of this.site.publish) {
        try {
          if (!node.matches(p.selector)) continue;
        } catch {
          continue;
        }
        if (p.text && !p.text.includes((node.textContent || '').trim())) continue;
        if (node.getAttribute('aria-disabled') === 'true' || /** @type {any} */ (node).disabled) return null;
        return node;
      }
    }
    // No site control: the nearest submit-like button of a compose box (see editorFor).
    for (const node of e.composedPath()) {
      if (!(node instanceof Element) || !submitLike(node)) continue;
      if (node.getAttribute('aria-disabled') === 'true' || /** @type {any} */ (node).disabled) return null;
      this.generic.add(node);
      return node;
    }
    return null;
  }

  /**
   * The compose box a publish control belongs to: among editors with something to ask (or without a
   * result for their current text), the one most closely related in the DOM, then the most
   * recently used.
   * @param {Element} control
   * @returns {EditorState | null}
   */
  editorFor(control) {
    let best = null;
    let bestScore = -1;
    for (const state of this.p.drafts()) {
      if (!state.el.isConnected || !this.mustHold(state)) continue;
      // A submit-like button found without a site selector belongs only to a box close by.
      if (this.generic.has(control) && distance(state.el, control) > NEAR) continue;
      const score = kinship(state.el, control) * 1e6 + state.lastActive / 1e3;
      if (score > bestScore) {
        best = state;
        bestScore = score;
      }
    }
    return best;
  }

  /** Decides synchronously whether an action must be held. @param {EditorState} state */
  mustHold(state) {
    if (!this.p.enabled()) return false;
    // No result for the current text (or the last check failed): decided once it has one.
    if (!state.fresh() || !state.engineOk) return true;
    return this.p.holds(state);
  }

  /**
   * Waits (at most CHECK_BOUND_MS) for a result for the draft's current text.
   * @param {EditorState} state
   * @returns {Promise<'ready' | 'failed' | 'timeout'>}
   */
  async verdict(state) {
    if (state.fresh() && state.engineOk) return 'ready';
    this.p.setStatus(state, 'checking');
    const deadline = performance.now() + CHECK_BOUND_MS;
    try {
      for (let left = CHECK_BOUND_MS; left > 0; left = deadline - performance.now()) {
        if (state.fresh() && !state.engineOk) {
          // The last check failed: ask once more (a worker that was restarting answers now).
          state.checked = false;
        }
        const answered = await Promise.race([this.p.checkNow(state).then(() => true), sleep(left).then(() => false)]);
        if (state.fresh()) return state.engineOk ? 'ready' : 'failed';
        if (!answered || !state.el.isConnected || !this.p.enabled()) break;
        // The text changed while it was being checked: check the new text, within the same bound.
      }
      return 'timeout';
    } finally {
      this.p.setStatus(state, '');
    }
  }

  /** @param {MouseEvent} e */
  onClick(e) {
    if (this.bypass) return;
    const control = this.controlFor(e);
    if (!control) return;
    const state = this.editorFor(control);
    if (!state || !this.mustHold(state)) return;
    this.hold(e, state, () => {
      if (control.isConnected) /** @type {HTMLElement} */ (control).click();
    });
  }

  /** Starts a check early when the pointer goes down on a publish control. @param {PointerEvent} e */
  onPointerDown(e) {
    if (this.bypass) return;
    // The press may move the selection out of the editor: note the caret while it is still there.
    this.p.noteCaret();
    const control = this.controlFor(e);
    if (!control) return;
    const state = this.editorFor(control);
    if (state && !state.fresh()) this.p.checkNow(state).catch(() => {});
  }

  /** @param {KeyboardEvent} e */
  onKeydown(e) {
    if (this.bypass || e.key !== 'Enter' && e.key !== ' ') return;
    if (e.isComposing || e.keyCode === 229) return;
    const target = e.composedPath()[0];
    if (!(target instanceof Node) || this.p.owns(target)) return;

    // Keyboard activation of a publish control.
    const control = this.controlFor(e);
    if (control && !editorRoot(target)) {
      const state = this.editorFor(control);
      if (!state || !this.mustHold(state)) return;
      this.hold(e, state, () => {
        if (!control.isConnected) return;
        if (isNativeButton(control)) /** @type {HTMLElement} */ (control).click();
        else redispatchKey(control, e);
      });
      return;
    }
    if (e.key !== 'Enter') return;

    // Enter-to-send in chat composers; Ctrl/Cmd+Enter where that publishes.
    const state = this.p.draftAt(target);
    if (!state) return;
    const c = state.composer;
    const plain = !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey;
    const accel = (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey;
    if (!((plain && c.enterSends) || (accel && c.ctrlEnterSends))) return;
    if (!this.mustHold(state)) return;
    this.hold(e, state, () => {
      if (!state.el.isConnected) return;
      redispatchKey(target, e);
    });
  }

  /** A form submitted some other way than its (guarded) button. @param {SubmitEvent} e */
  onSubmit(e) {
    if (this.bypass) return;
    const form = /** @type {HTMLFormElement} */ (e.target);
    if (!(form instanceof HTMLFormElement)) return;
    for (const state of this.p.drafts()) {
      if (!form.contains(state.el) || !this.mustHold(state)) continue;
      const submitter = e.submitter;
      this.hold(e, state, () => {
        if (form.isConnected) form.requestSubmit(submitter && form.contains(submitter) ? submitter : undefined);
      });
      return;
    }
  }

  /**
   * Holds an event, then shows the review dialog (or lets the action go ahead when the fresh
   * check finds nothing that blocks).
   * @param {Event} e
   * @param {EditorState} state
   * @param {() => void} redo  Performs the original action again, once.
   */
  hold(e, state, redo) {
    // Key presses are re-sent to the editor, which needs focus (and its caret) back first.
    const refocus = e instanceof KeyboardEvent && !!editorRoot(e.composedPath()[0] || null);
    e.preventDefault();
    e.stopImmediatePropagation();
    if (this.reviewing) return; // The dialog is already up; a second press does nothing.
    this.reviewing = true;
    const once = () => {
      this.bypass = true;
      try {
        redo();
      } finally {
        this.bypass = false;
      }
    };
    const selection = this.saveSelection(state);
    (async () => {
      try {
        if ((await this.verdict(state)) !== 'ready') {
          // Fail open, and say so.
          this.p.setStatus(state, 'unchecked');
          once();
          return;
        }
        await this.p.prepare(state);
        if (!this.p.holds(state)) {
          once();
          return;
        }
        const choice = await this.p.review(state);
        if (choice === 'post') {
          if (refocus && state.el.isConnected) await this.restoreFocus(state.el, selection);
          once();
        } else {
          await this.restoreFocus(state.el, selection);
        }
      } catch {
        once();
      } finally {
        this.reviewing = false;
      }
    })();
  }

  /** Where the caret was in the editor, as text offsets. @param {EditorState} state */
  saveSelection(state) {
    const el = state.el;
    if (isTextControl(el)) return { start: el.selectionStart ?? 0, end: el.selectionEnd ?? 0 };
    this.p.noteCaret();
    return state.caret ? { ...state.caret } : null;
  }

  /**
   * Puts focus (and the caret) back in the editor.
   * @param {HTMLElement} el
   * @param {{start: number, end: number} | null} saved
   */
  async restoreFocus(el, saved) {
    try {
      el.focus({ preventScroll: false });
      await new Promise((r) => setTimeout(r, 0));
      if (saved && isTextControl(el)) {
        el.setSelectionRange(saved.start, saved.end);
      } else if (saved) {
        const ex = readDraft(el);
        const range = rangeFor(ex, Math.min(saved.start, ex.text.length), Math.min(saved.end, ex.text.length));
        const sel = document.getSelection();
        if (range && sel) {
          sel.removeAllRanges();
          sel.addRange(range);
        }
      }
      // Let the editor see the selectionchange before anything else happens.
      await new Promise((r) => setTimeout(r, 10));
    } catch {
      // Focus is a courtesy.
    }
  }
}
