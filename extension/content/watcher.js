// @ts-check
/**
 * Editor discovery and scheduling. Finds compose boxes (focus and input events, a sweep on DOM
 * changes that also walks open shadow roots, within a budget, on sites whose boxes live in them), re-checks them on input and on DOM mutations inside the editor (Lexical's undo fires
 * no input event), and keeps each one's findings. Editors the page replaces or removes (single
 * page navigation) are dropped on the next sweep. What is shown for the findings is the view's
 * job (view.js): the watcher tells it through its hooks.
 *
 * The watcher does not know how a text is checked: it is handed a `check(text)` function.
 * Everything it starts (observers, timers) stops when its AbortSignal fires.
 *
 * Drafts are held only in memory, per editor, for as long as the editor exists.
 */
import { GENERIC_COMPOSERS } from '../shared/sites.js';
import { readDraft, offsetOf, isTextControl } from './text.js';

/** @typedef {import('../shared/messages.js').Finding} Finding */
/** @typedef {import('../shared/sites.js').Composer} Composer */
/**
 * Where a draft is going (a message and its recipients: display names or a group chat's name), what
 * is attached to it, and the place it is tagged with.
 * @typedef {{context?: 'post' | 'comment' | 'message', to?: string[], attachments?: import('./attachments.js').Attachment[], location?: string}} DraftContext
 */
/** @typedef {{id: string, title: string, message: string}} Prompt  a question asked of the draft, not a finding (the photo check) */
/** @typedef {{findings: Finding[], prompts: Prompt[]}} CheckResult */
/** @typedef {(text: string, context?: DraftContext) => Promise<CheckResult>} CheckFn  rejects when the engine is unavailable */

const DEBOUNCE_MS = 12;

/**
 * A draft context as a key: empty unless a message has recipients or something is attached, which
 * count even before anything is typed.
 * @param {DraftContext} context
 */
const contextKeyOf = (context) => ((context.to && context.to.length) || (context.attachments && context.attachments.length) ? JSON.stringify(context) : '');
const SWEEP_MS = 600;
/** Most elements one walk for compose boxes in shadow roots looks at, and how often it walks. */
const SHADOW_WALK_ELEMENTS = 20000;
const SHADOW_WALK_MS = 2000;

/**
 * The open shadow roots under `root`, nested ones too: a walk that stops after `budget` elements,
 * so that a huge page costs no more than a large one.
 * @param {Document | ShadowRoot} root
 * @param {number} [budget]
 * @returns {ShadowRoot[]}
 */
function openShadowRoots(root, budget = SHADOW_WALK_ELEMENTS) {
  /** @type {ShadowRoot[]} */
  const found = [];
  /** @type {(Document | ShadowRoot)[]} */
  const queue = [root];
  let seen = 0;
  for (let i = 0; i < queue.length && seen < budget; i++) {
    const walker = document.createTreeWalker(queue[i], NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node && seen < budget; node = walker.nextNode()) {
      seen++;
      const shadow = /** @type {Element} */ (node).shadowRoot;
      if (shadow) {
        found.push(shadow);
        queue.push(shadow);
      }
    }
  }
  return found;
}

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
    /** The context (recipients, attachments) the current findings belong to, and as a key. @type {DraftContext} */
    this.context = {};
    this.contextKey = '';
    /** The key of the draft's context as it is now (the watcher reads it from the page). */
    this.contextNow = () => this.contextKey;
    /** Photos and videos attached to this draft (their kind and metadata, never their bytes). @type {import('./attachments.js').Attachment[]} */
    this.attachments = [];
    /** @type {Finding[]} */
    this.findings = [];
    /** Questions the check asks of this draft (the photo check). @type {Prompt[]} */
    this.prompts = [];
    /** The context key whose questions the worker has answered ("It doesn't — post"). */
    this.answered = '';
    /** @type {Set<string>} */
    this.dismissed = new Set();
    /** @type {Set<string>} */
    this.announced = new Set();
    /** Open findings as shown, with their ranges. @type {{finding: Finding, range: Range | null}[]} */
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
    /** The last caret or selection inside the editor, as text offsets. @type {{start: number, end: number} | null} */
    this.caret = null;
    /** The check under way, and the text it is for. @type {{text: string, done: Promise<void>} | null} */
    this.inflight = null;
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

  /** True when the findings belong to the editor's current text and context (a place tagged, a
   * conversation switched, since the last check leave them stale). */
  fresh() {
    return this.checked && readDraft(this.el).text === this.text && this.contextNow() === this.contextKey;
  }
}

/**
 * The editor root for an event target: a textarea, or the outermost contenteditable element.
 * @param {EventTarget | null} target
 */
export function editorRoot(target) {
  /** @type {Node | null} */
  let node = target instanceof Node ? target : null;
  if (node && node.nodeType === Node.TEXT_NODE) node = node.parentNode;
  if (!(node instanceof HTMLElement)) return null;
  // A one-line text field is a compose box only where a site adapter names it (alt text).
  if (isTextControl(node)) return node;
  if (!node.isContentEditable) return null;
  let root = node;
  while (root.parentElement && root.parentElement.isContentEditable) root = root.parentElement;
  return root;
}

/**
 * @typedef {object} WatcherHooks
 * @property {(state: EditorState) => void} result     new findings for an editor's current text
 * @property {(state: EditorState) => void} untracked  an editor went away
 * @property {(state: EditorState | null) => void} activated  the active editor changed
 * @property {() => void} disabled                     checking was switched off
 * @property {() => void} sweep                        the periodic sweep ran (re-attach the UI)
 */

export class Watcher {
  /**
   * @param {object} o
   * @param {import('../shared/sites.js').Site} o.site
   * @param {CheckFn} o.check
   * @param {(state: EditorState) => DraftContext} [o.contextOf]  Where the editor's draft is going.
   * @param {(node: unknown) => boolean} o.owns  True for the extension's own UI.
   * @param {WatcherHooks} o.hooks
   * @param {AbortSignal} o.signal
   */
  constructor({ site, check, contextOf = () => ({}), owns, hooks, signal }) {
    this.site = site;
    this.check = check;
    this.contextOf = contextOf;
    this.owns = owns;
    this.hooks = hooks;
    this.signal = signal;
    /** @type {Map<HTMLElement, EditorState>} */
    this.editors = new Map();
    /** @type {EditorState | null} */
    this.active = null;
    this.enabled = false;
    this.selectorAll = site.composers.filter((c) => !c.host).map((c) => c.selector).join(', ');
    /** Compose boxes that live in a shadow root (looked for by walking the page's open shadow roots). */
    this.hostComposers = site.composers.filter((c) => c.host);
    this.lastShadowWalk = -Infinity;
    this.lastInputAt = 0;
    signal.addEventListener('abort', () => {
      for (const state of [...this.editors.values()]) this.untrack(state);
      this.enabled = false;
    });
  }

  /**
   * The adapter for an editor root: the site's own first (their selectors are specific, and some
   * sites' compose boxes are role="combobox" for mentions), then the generic adapter. Search boxes
   * are left alone.
   * @param {HTMLElement} root
   * @returns {Composer | null}
   */
  composerFor(root) {
    if (this.owns(root) || root.closest('[role="search"], [role="searchbox"], search')) return null;
    const rootNode = root.getRootNode();
    for (const c of this.site.composers) {
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
    if (/search/i.test(root.getAttribute('aria-label') || '')) return null;
    const c = GENERIC_COMPOSERS.find((g) => root.matches(g.selector));
    if (!c) return null;
    // Enter sends in single-line boxes (comment and chat boxes marked as such); Ctrl/Cmd+Enter
    // publishes almost everywhere.
    const singleLine = root.getAttribute('aria-multiline') === 'false' || root.getAttribute('role') === 'combobox'
      || root.getAttribute('enterkeyhint') === 'send';
    return { ...c, enterSends: singleLine, ctrlEnterSends: true };
  }

  /**
   * The state for an event target inside an editor, tracking the editor on first sight.
   * @param {EventTarget | null} target
   */
  stateFor(target) {
    if (this.signal.aborted) return null;
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
    state.contextNow = () => contextKeyOf(this.contextOf(state));
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
    this.editors.delete(state.el);
    if (this.active === state) this.active = null;
    this.hooks.untracked(state);
  }

  /** @param {EditorState} state */
  activate(state) {
    state.lastActive = performance.now();
    if (this.active !== state) {
      this.active = state;
      this.hooks.activated(state);
    }
  }

  /** @param {EditorState} state @param {number} [delay] */
  schedule(state, delay = DEBOUNCE_MS) {
    clearTimeout(state.timer);
    if (this.signal.aborted) return;
    // Leading edge: the first change after a pause is checked at once; bursts are debounced.
    const now = performance.now();
    if (now - state.lastScheduled > 4 * DEBOUNCE_MS) delay = 0;
    state.lastScheduled = now;
    state.timer = setTimeout(() => { this.checkNow(state).catch(() => {}); }, delay);
  }

  /**
   * Checks the editor's current text now (unless the findings already belong to it).
   * @param {EditorState} state
   * @returns {Promise<void>}
   */
  checkNow(state) {
    clearTimeout(state.timer);
    if (!this.enabled || !state.el.isConnected) return Promise.resolve();
    const text = readDraft(state.el).text;
    // The box emptied after a draft: it was sent, and its attachments with it.
    if (text.trim() === '' && state.text.trim() !== '') state.attachments = [];
    const context = this.contextOf(state);
    // A conversation with someone on the watch-list is worth a warning as soon as it is open.
    const contextKey = contextKeyOf(context);
    if (state.checked && text === state.text && contextKey === state.contextKey) return Promise.resolve();
    // The same text is already being checked: wait for that answer rather than ask twice.
    if (state.inflight && state.inflight.text === text + '\u0000' + contextKey) return state.inflight.done;
    const seq = ++state.seq;
    const entry = { text: text + '\u0000' + contextKey, done: Promise.resolve() };
    state.inflight = entry;
    entry.done = (async () => {
      /** @type {CheckResult} */
      let result = { findings: [], prompts: [] };
      let ok = true;
      if (text.trim() !== '' || contextKey) {
        try {
          result = await this.check(text, context);
        } catch {
          ok = false;
        }
      }
      if (state.inflight === entry) state.inflight = null;
      if (seq !== state.seq || this.signal.aborted) return;
      if (text.trim() === '') state.dismissed.clear();
      state.text = text;
      state.context = context;
      state.contextKey = contextKey;
      state.findings = result.findings;
      state.prompts = result.prompts;
      state.engineOk = ok;
      state.checked = true;
      this.hooks.result(state);
    })();
    return entry.done;
  }

  /** Re-checks every tracked editor (settings changed). */
  recheckAll() {
    for (const state of this.editors.values()) {
      state.checked = false;
      state.inflight = null;
      state.announced.clear();
      this.schedule(state, 0);
    }
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
    const ex = readDraft(state.el);
    const start = offsetOf(ex, range.startContainer, range.startOffset);
    const end = offsetOf(ex, range.endContainer, range.endOffset);
    if (start >= 0 && end >= start) state.caret = { start, end };
  }

  /** Tracks compose boxes that appear with text in them already (restored drafts), drops dead ones. */
  sweep() {
    if (this.signal.aborted) return;
    this.hooks.sweep();
    for (const state of [...this.editors.values()]) {
      if (!state.el.isConnected) this.untrack(state);
      else if (state.textarea && this.enabled && state.checked && /** @type {HTMLTextAreaElement} */ (state.el).value !== state.text) {
        // The page set the textarea's value without an input event (e.g. cleared after sending).
        this.schedule(state, 0);
      } else if ((state.composer.message || state.composer.located) && this.enabled && state.checked) {
        // Another conversation opened in the same message box, or another place was tagged.
        if (contextKeyOf(this.contextOf(state)) !== state.contextKey) this.schedule(state, 0);
      }
    }
    if (!this.enabled) return;
    this.sweepShadowRoots();
    if (!this.selectorAll) return;
    try {
      for (const el of document.querySelectorAll(this.selectorAll)) this.noticed(el);
    } catch {
      // Unsupported selector.
    }
  }

  /** A compose box found on the page, focused or not. @param {Element} el */
  noticed(el) {
    const state = this.stateFor(el);
    // Message boxes are checked empty too: who the conversation is with can matter alone.
    if (state && !state.checked && (state.composer.message || readDraft(state.el).text.trim() !== '')) this.schedule(state, 0);
  }

  /**
   * Compose boxes in open shadow roots (Reddit's chat), on sites whose adapters say which element
   * hosts them: found before they are focused, by a bounded walk at most every SHADOW_WALK_MS.
   */
  sweepShadowRoots() {
    const now = performance.now();
    if (!this.hostComposers.length || now - this.lastShadowWalk < SHADOW_WALK_MS) return;
    this.lastShadowWalk = now;
    for (const root of openShadowRoots(document)) {
      for (const c of this.hostComposers) {
        try {
          if (root.host.matches(/** @type {string} */ (c.host))) for (const el of root.querySelectorAll(c.selector)) this.noticed(el);
        } catch {
          // Unsupported selector.
        }
      }
    }
  }

  /** @param {boolean} enabled */
  setEnabled(enabled) {
    if (this.signal.aborted || enabled === this.enabled) return;
    this.enabled = enabled;
    if (!enabled) {
      for (const state of this.editors.values()) state.items = [];
      this.hooks.disabled();
    } else {
      this.recheckAll();
    }
  }

  /** Starts the sweep: on DOM changes (batched) and every SWEEP_MS, until the signal fires. */
  start() {
    const signal = this.signal;
    let queued = 0;
    const sweepSoon = () => {
      if (queued) return;
      queued = window.setTimeout(() => { queued = 0; this.sweep(); }, 200);
    };
    const observer = new MutationObserver(sweepSoon);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    const interval = setInterval(() => this.sweep(), SWEEP_MS);
    signal.addEventListener('abort', () => {
      observer.disconnect();
      clearInterval(interval);
      clearTimeout(queued);
    }, { once: true });
    sweepSoon();
  }
}
