// @ts-check
/**
 * Everything the extension shows on a page lives in one host element, <postcare-ui>, appended to
 * <html>, with an open shadow root. Each part (badge.js, card.js, review.js, the overlay marks in
 * highlighter.js) adds its own styles and nodes to this layer; the layer itself holds the shared
 * styles and the aria-live region.
 *
 * Test contract (the end-to-end suite relies on it): in that shadow root,
 *   [data-postcare="badge"]   data-count = open findings, data-warn-count = open warn findings,
 *                             data-status = "checking" while a publish waits for its check,
 *                             "unchecked" when a post went out without one
 *   [data-postcare="card"]    the warning card (present only while open)
 *   [data-postcare="review"][role="alertdialog"]  the review dialog, buttons "Make it safe"
 *                             (data-action="safe", when a suggestion exists), "Edit post" and
 *                             "Post anyway" ("Post" once nothing holds the post back); one
 *                             [data-postcare="group"] per kind of finding, its words in
 *                             [data-postcare="found"]; the photo question in
 *                             [data-postcare="prompt"] (then "It doesn't — post" rather than "Post"),
 *                             and, in a conversation with someone on the watch-list, the check box
 *                             [data-action="stop-asking"]
 *   [data-postcare="banner"]  the line above a message box whose conversation is with someone on
 *                             the watch-list (hidden when none), dismiss: [data-action="dismiss"]
 *   [data-postcare="mark"]    overlay marks (fallback only)
 * and the host carries data-postcare-ready="1" once the content script runs.
 *
 * No node is added to or removed from the document while the user types: Chromium ends a
 * textarea's current undo group whenever any node is inserted into or removed from the document
 * (our shadow root included), so Ctrl+Z would undo smaller chunks than without the extension.
 * Parts create their elements once and then update them in place: Text node data, attributes,
 * styles and `hidden` (none of which touch the page's undo history). The review dialog is the
 * exception: it opens only on publishing, which ends typing anyway.
 */
import { el, setText } from './dom.js';

const BASE_CSS = `
:host { all: initial; display: block; position: fixed; top: 0; left: 0; width: 1px; height: 1px;
  overflow: visible; pointer-events: none; z-index: 2147483647; }
* { box-sizing: border-box; }
.layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483647;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
[hidden] { display: none !important; }
button { font: inherit; cursor: pointer; border-radius: 6px; padding: 6px 12px; border: 2px solid #1d3b6f;
  background: #fff; color: #1d3b6f; font-weight: 600; }
button.primary { background: #1d3b6f; color: #fff; }
button.danger { border-color: #8c1d18; color: #8c1d18; }
button:hover { text-decoration: underline; }
button:focus-visible, [tabindex]:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
@keyframes pc-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
`;

/** Events from our UI must not reach the page's own handlers (e.g. "click outside closes"). */
const CONTAINED_EVENTS = ['click', 'dblclick', 'pointerdown', 'pointerup', 'mousedown', 'mouseup',
  'keydown', 'keyup', 'keypress', 'focusin', 'focusout', 'input', 'beforeinput', 'wheel', 'touchstart'];

export class Layer {
  constructor() {
    this.host = document.createElement('postcare-ui');
    this.root = this.host.attachShadow({ mode: 'open' });
    this.layer = el('div', { class: 'layer' });
    this.addStyle(BASE_CSS);
    this.live = el('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.liveText = document.createTextNode('');
    this.live.append(this.liveText);
    this.liveTimer = 0;
    this.layer.append(this.live);
    this.root.append(this.layer);
    for (const type of CONTAINED_EVENTS) this.host.addEventListener(type, (e) => e.stopPropagation());
    this.attach();
    this.host.setAttribute('data-postcare-ready', '1');
  }

  /** Adds a part's styles to the shadow root. @param {string} css */
  addStyle(css) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      this.root.adoptedStyleSheets = [...this.root.adoptedStyleSheets, sheet];
    } catch {
      this.root.prepend(el('style', {}, css));
    }
  }

  /** Adds a part's nodes to the layer (once, when the part is built). @param {Node[]} nodes */
  mount(...nodes) {
    this.layer.append(...nodes);
  }

  /** (Re)attaches the host when the page removed it. */
  attach() {
    if (!this.host.isConnected) document.documentElement.append(this.host);
  }

  /** True when `node` belongs to our UI. @param {unknown} node */
  owns(node) {
    return node === this.host || (node instanceof Node && this.root.contains(node));
  }

  /** The focused element inside our UI, if any. */
  get activeElement() {
    return this.root.activeElement;
  }

  /** @param {string} message */
  announce(message) {
    // Emptied, then set after a tick, so screen readers announce repeated messages too. The Text
    // node is kept: only its data changes.
    clearTimeout(this.liveTimer);
    setText(this.liveText, '');
    this.liveTimer = window.setTimeout(() => { setText(this.liveText, message); }, 30);
  }

  /** Removes everything from the page (the extension was unloaded). */
  remove() {
    clearTimeout(this.liveTimer);
    this.host.remove();
  }
}
