// @ts-check
/**
 * Everything the extension shows on a page lives in one host element, <postcare-ui>, appended to
 * <html>, with an open shadow root: the badge, the warning card, the review dialog, the aria-live
 * region and (where the CSS Custom Highlight API cannot reach) the overlay marks.
 *
 * Test contract (the end-to-end suite relies on it): in that shadow root,
 *   [data-postcare="badge"]   data-count = open findings, data-warn-count = open warn findings
 *   [data-postcare="card"]    the warning card (present only while open)
 *   [data-postcare="review"][role="alertdialog"]  the review dialog, buttons "Edit post" / "Post anyway"
 *   [data-postcare="mark"]    overlay marks (fallback only)
 * and the host carries data-postcare-ready="1" once the content script runs.
 *
 * Text is only ever set with textContent (on nodes we just created) or as Text node data.
 *
 * No node is added to or removed from the document while the user types: Chromium ends a
 * textarea's current undo group whenever any node is inserted into or removed from the document
 * (our shadow root included), so Ctrl+Z would undo smaller chunks than without the extension.
 * Every element here is created once and then updated in place: Text node data, attributes,
 * styles and `hidden` (none of which touch the page's undo history).
 */
import { t } from '../shared/i18n.js';

const CSS_TEXT = `
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
.badge { position: fixed; pointer-events: auto; min-width: 24px; height: 24px; padding: 0 6px;
  border-radius: 12px; border: 2px solid #fff; background: #8c1d18; color: #fff; font-weight: 700;
  font-size: 12px; line-height: 20px; text-align: center; box-shadow: 0 1px 4px rgba(0,0,0,.35); }
.badge.caution { background: #6b4500; }
.mark { position: fixed; pointer-events: none; border-bottom: 2px solid #b3261e;
  background: rgba(179, 38, 30, 0.10); }
.mark.caution { border-bottom: 2px dotted #8a5a00; background: rgba(138, 90, 0, 0.08); }
.card { position: fixed; pointer-events: auto; width: min(380px, calc(100vw - 16px));
  max-height: min(70vh, 520px); overflow: auto; background: #fff; color: #1b1b1b;
  border: 1px solid #767676; border-top: 5px solid #8c1d18; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0,0,0,.25); padding: 12px 14px; }
.card.caution { border-top-color: #6b4500; }
.card h2, .review h2 { font-size: 16px; margin: 2px 0 8px; line-height: 1.3; color: #1b1b1b; }
.card .kind { margin: 0; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: #8c1d18; }
.card.caution .kind { color: #6b4500; }
.card .label { margin: 10px 0 2px; font-weight: 700; font-size: 13px; }
.card p { margin: 0 0 4px; }
.card blockquote { margin: 4px 0; padding: 2px 0 2px 10px; border-left: 3px solid #5f6368; color: #333; font-style: italic; }
.card .suggest { margin-top: 8px; color: #333; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
.nav { display: flex; align-items: center; gap: 8px; margin-top: 10px; font-size: 13px; color: #444; }
.nav button { padding: 2px 8px; }
.backdrop { position: fixed; inset: 0; pointer-events: auto; background: rgba(0,0,0,.45);
  display: flex; align-items: center; justify-content: center; }
.review { background: #fff; color: #1b1b1b; width: min(480px, calc(100vw - 24px)); max-height: 85vh;
  overflow: auto; border-radius: 10px; padding: 18px 20px; border-top: 6px solid #8c1d18;
  box-shadow: 0 10px 40px rgba(0,0,0,.4); }
.review ul { padding-left: 20px; margin: 8px 0; }
.review li { margin: 6px 0; }
@media (prefers-reduced-motion: no-preference) { .card, .review { animation: pc-in .12s ease-out; } }
@keyframes pc-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
`;

/** Events from our UI must not reach the page's own handlers (e.g. "click outside closes"). */
const BADGE_SIZE = 24;

const CONTAINED_EVENTS = ['click', 'dblclick', 'pointerdown', 'pointerup', 'mousedown', 'mouseup',
  'keydown', 'keyup', 'keypress', 'focusin', 'focusout', 'input', 'beforeinput', 'wheel', 'touchstart'];

/**
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {string} [text]
 */
function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * An element holding one Text node that is updated in place (never replaced).
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @returns {{node: HTMLElement, text: Text}}
 */
function textEl(tag, attrs = {}) {
  const node = el(tag, attrs);
  const text = document.createTextNode('');
  node.append(text);
  return { node, text };
}

/** Sets a Text node's data only when it changes. @param {Text} node @param {string} value */
function setText(node, value) {
  if (node.data !== value) node.data = value;
}

/** Sets an attribute only when it changes. @param {Element} node @param {string} name @param {string} value */
function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** Initial number of overlay marks and code quotes kept ready (grown only when a draft needs more). */
const MARK_POOL = 64;
const QUOTE_POOL = 6;

/**
 * @param {HTMLElement} node
 * @param {string} label
 * @returns {HTMLElement}
 */
function button(node, label) {
  node.setAttribute('type', 'button');
  node.textContent = label;
  return node;
}

export class UI {
  constructor() {
    this.host = document.createElement('postcare-ui');
    this.root = this.host.attachShadow({ mode: 'open' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS_TEXT);
      this.root.adoptedStyleSheets = [sheet];
    } catch {
      this.root.append(el('style', {}, CSS_TEXT));
    }
    this.layer = el('div', { class: 'layer' });
    this.marks = el('div', { class: 'marks', 'aria-hidden': 'true' });
    /** Overlay marks, created up front and reused. @type {HTMLElement[]} */
    this.markPool = [];
    this.growMarks(MARK_POOL);
    this.live = el('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.liveText = document.createTextNode('');
    this.live.append(this.liveText);
    this.liveTimer = 0;
    this.badge = el('button', {
      class: 'badge', 'data-postcare': 'badge', 'data-count': '0', 'data-warn-count': '0', hidden: '', type: 'button',
    });
    this.badgeText = document.createTextNode('0');
    this.badge.append(this.badgeText);
    /** Text-measuring mirror for textareas (see Highlighter.textareaRects); always attached, hidden. */
    this.mirror = el('div', { 'aria-hidden': 'true', hidden: '' });
    this.mirrorText = document.createTextNode('');
    this.mirror.append(this.mirrorText);
    /** Callbacks of the open card. @type {any} */
    this.cardHandlers = null;
    const built = this.buildCard();
    this.cardEl = built.card;
    this.cardParts = built.parts;
    this.growQuotes(QUOTE_POOL);
    this.layer.append(this.marks, this.badge, this.live, this.cardEl, this.mirror);
    this.root.append(this.layer);
    for (const type of CONTAINED_EVENTS) this.host.addEventListener(type, (e) => e.stopPropagation());
    /** The open card, or null. @type {HTMLElement | null} */
    this.card = null;
    /** @type {HTMLElement | null} */
    this.review = null;
    this.badgeKey = '';
    this.attach();
    this.host.setAttribute('data-postcare-ready', '1');
  }

  /** Adds `n` hidden overlay marks to the pool. @param {number} n */
  growMarks(n) {
    const fresh = [];
    for (let i = 0; i < n; i++) fresh.push(el('div', { class: 'mark', 'aria-hidden': 'true', hidden: '' }));
    this.markPool.push(...fresh);
    this.marks.append(...fresh);
  }

  /**
   * Builds the warning card once; showCard fills it in and closeCard hides it. While closed it is
   * hidden and carries no data-postcare / role, so it is not "the card" to anyone.
   */
  buildCard() {
    const card = el('div', { class: 'card', hidden: '', 'aria-modal': 'false', 'aria-labelledby': 'pc-card-title', tabindex: '-1' });
    const c = {};
    c.kind = textEl('p', { class: 'kind' });
    c.title = textEl('h2', { id: 'pc-card-title' });
    c.whyLabel = textEl('p', { class: 'label' });
    c.why = textEl('p');
    c.codeLabel = textEl('p', { class: 'label' });
    c.quotes = el('div', { class: 'quotes' });
    /** @type {{node: HTMLElement, text: Text}[]} */
    c.quotePool = [];
    c.insteadLabel = textEl('p', { class: 'label' });
    c.instead = textEl('p');
    c.suggest = textEl('p', { class: 'suggest' });
    c.actions = el('div', { class: 'actions' });
    c.apply = textEl('button', { class: 'primary', 'data-action': 'apply', type: 'button' });
    c.dismiss = textEl('button', { 'data-action': 'dismiss', type: 'button' });
    c.close = textEl('button', { 'data-action': 'close', type: 'button' });
    c.actions.append(c.apply.node, c.dismiss.node, c.close.node);
    c.nav = el('div', { class: 'nav' });
    c.prev = button(el('button', { 'data-action': 'previous' }), '‹');
    c.next = button(el('button', { 'data-action': 'next' }), '›');
    c.position = textEl('span');
    c.nav.append(c.prev, c.position.node, c.next);
    card.append(c.kind.node, c.title.node, c.whyLabel.node, c.why.node, c.codeLabel.node, c.quotes,
      c.insteadLabel.node, c.instead.node, c.suggest.node, c.actions, c.nav);
    /** @param {string} name @param {any[]} args */
    const call = (name, ...args) => { const h = this.cardHandlers; if (h && h[name]) h[name](...args); };
    c.apply.node.addEventListener('click', () => call('onApply'));
    c.dismiss.node.addEventListener('click', () => call('onDismiss'));
    c.close.node.addEventListener('click', () => call('onClose'));
    c.prev.addEventListener('click', () => call('onNavigate', -1));
    c.next.addEventListener('click', () => call('onNavigate', 1));
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.card) { e.preventDefault(); call('onClose'); }
    });
    return { card, parts: c };
  }

  /** @param {number} n */
  growQuotes(n) {
    const c = this.cardParts;
    for (let i = 0; i < n; i++) {
      const q = textEl('blockquote', { hidden: '' });
      c.quotePool.push(q);
      c.quotes.append(q.node);
    }
  }

  /** (Re)attaches the host when the page removed it. */
  attach() {
    if (!this.host.isConnected) document.documentElement.append(this.host);
  }

  /** True when `node` belongs to our UI. */
  owns(node) {
    return node === this.host || (node instanceof Node && this.root.contains(node));
  }

  /** @param {string} message */
  announce(message) {
    // Emptied, then set after a tick, so screen readers announce repeated messages too. The Text
    // node is kept: only its data changes.
    clearTimeout(this.liveTimer);
    setText(this.liveText, '');
    this.liveTimer = window.setTimeout(() => { setText(this.liveText, message); }, 30);
  }

  /**
   * @param {number} count
   * @param {number} warnCount
   * @param {DOMRect | null} editorRect
   */
  setBadge(count, warnCount, editorRect) {
    const b = this.badge;
    setAttr(b, 'data-count', String(count));
    setAttr(b, 'data-warn-count', String(warnCount));
    setText(this.badgeText, String(count));
    b.classList.toggle('caution', warnCount === 0);
    const label = t(count === 1 ? 'badgeLabelOne' : 'badgeLabel', String(count));
    setAttr(b, 'aria-label', label);
    setAttr(b, 'title', label);
    if (count === 0 || !editorRect || (editorRect.width === 0 && editorRect.height === 0)) {
      b.hidden = true;
      return;
    }
    b.hidden = false;
    // Placing the badge asks the page's layout what is under it: only when the box has moved.
    const key = `${editorRect.left},${editorRect.top},${editorRect.right},${editorRect.bottom},${window.innerWidth},${window.innerHeight}`;
    if (key === this.badgeKey && b.style.left) return;
    this.badgeKey = key;
    const pos = this.badgePosition(editorRect);
    b.style.left = `${pos.left}px`;
    b.style.top = `${pos.top}px`;
  }

  /**
   * Where the badge goes: beside the compose box, at the first of a few spots that does not cover
   * one of the page's own controls (a Send button often sits right beside a chat composer).
   * @param {DOMRect} r
   */
  badgePosition(r) {
    const size = BADGE_SIZE;
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const clamp = (left, top) => ({
      left: Math.round(Math.max(2, Math.min(vw - size - 2, left))),
      top: Math.round(Math.max(2, Math.min(vh - size - 2, top))),
    });
    const spots = [
      clamp(r.right + 4, r.bottom - size), // right of the box, bottom aligned
      clamp(r.right - size, r.top - size - 4), // above the box, right aligned
      clamp(r.right - size, r.bottom + 4), // below the box, right aligned
      clamp(r.left - size - 4, r.bottom - size), // left of the box
      clamp(r.right - size - 2, r.bottom - size - 2), // inside the bottom-right corner
    ];
    for (const spot of spots) {
      if (!this.coversControl(spot.left, spot.top, size)) return spot;
    }
    return spots[spots.length - 1];
  }

  /** True when a square at (left, top) would cover an interactive element of the page. */
  coversControl(left, top, size) {
    const points = [[left + size / 2, top + size / 2], [left + 2, top + 2], [left + size - 2, top + 2],
      [left + 2, top + size - 2], [left + size - 2, top + size - 2]];
    for (const [x, y] of points) {
      for (const hit of document.elementsFromPoint(x, y)) {
        if (hit === this.host) continue;
        if (hit.closest('button, a[href], input, select, textarea, [role="button"], [role="link"], [contenteditable="true"], [contenteditable=""], [tabindex]:not([tabindex="-1"])')) return true;
        break;
      }
    }
    return false;
  }

  /**
   * Draws overlay marks (fallback highlighting).
   * @param {{rect: DOMRect, severity: string}[]} marks
   */
  drawMarks(marks) {
    // Reuses the pooled marks (styles, attributes and `hidden` only); grows only past the pool.
    if (marks.length > this.markPool.length) this.growMarks(Math.max(marks.length - this.markPool.length, this.markPool.length));
    this.markPool.forEach((m, i) => {
      const mark = marks[i];
      if (!mark) {
        if (!m.hidden) {
          m.hidden = true;
          m.removeAttribute('data-postcare');
        }
        return;
      }
      const severity = mark.severity === 'warn' ? 'warn' : 'caution';
      setAttr(m, 'class', `mark ${severity}`);
      setAttr(m, 'data-postcare', 'mark');
      setAttr(m, 'data-severity', mark.severity);
      const st = m.style;
      const px = (v) => `${v}px`;
      if (st.left !== px(mark.rect.left)) st.left = px(mark.rect.left);
      if (st.top !== px(mark.rect.top)) st.top = px(mark.rect.top);
      if (st.width !== px(mark.rect.width)) st.width = px(mark.rect.width);
      if (st.height !== px(mark.rect.height)) st.height = px(mark.rect.height);
      if (m.hidden) m.hidden = false;
    });
  }

  /**
   * Opens the warning card.
   * @param {object} o
   * @param {import('../shared/messages.js').Finding} o.finding
   * @param {number} o.index
   * @param {number} o.total
   * @param {DOMRect | null} o.anchor
   * @param {boolean} o.focus  Move focus into the card (opened from the keyboard or the badge).
   * @param {() => void} [o.onApply]
   * @param {() => void} o.onDismiss
   * @param {(step: number) => void} o.onNavigate
   * @param {() => void} o.onClose
   */
  showCard(o) {
    const f = o.finding;
    const warn = f.severity === 'warn';
    const card = this.cardEl;
    const c = this.cardParts;
    const wasOpen = !!this.card;
    setAttr(card, 'class', `card ${warn ? 'warn' : 'caution'}`);
    setAttr(card, 'data-rule', f.rule);
    setAttr(card, 'data-severity', f.severity);
    setText(c.kind.text, `${t(warn ? 'severityWarn' : 'severityCaution')} · ${f.guidance}`);
    setText(c.title.text, f.title);
    setText(c.whyLabel.text, t('cardWhy'));
    setText(c.why.text, f.why);
    const code = f.code && f.code.length ? f.code : [];
    c.codeLabel.node.hidden = code.length === 0;
    setText(c.codeLabel.text, t('cardCode'));
    if (code.length > c.quotePool.length) this.growQuotes(code.length - c.quotePool.length);
    c.quotePool.forEach((q, i) => {
      q.node.hidden = i >= code.length;
      setText(q.text, i < code.length ? code[i] : '');
    });
    setText(c.insteadLabel.text, t('cardInstead'));
    setText(c.instead.text, f.instead);
    const canApply = f.suggestion !== undefined && f.suggestion !== null && !!o.onApply;
    c.suggest.node.hidden = !canApply;
    c.apply.node.hidden = !canApply;
    setText(c.suggest.text, canApply ? (f.suggestion === '' ? t('suggestRemove') : t('suggestReplace', f.suggestion)) : '');
    setText(c.apply.text, t('applySuggestion'));
    setText(c.dismiss.text, t('dismissForPost'));
    setText(c.close.text, t('close'));
    c.nav.hidden = o.total <= 1;
    setAttr(c.prev, 'aria-label', t('previous'));
    setAttr(c.next, 'aria-label', t('next'));
    setText(c.position.text, o.total > 1 ? t('cardPosition', [String(o.index + 1), String(o.total)]) : '');
    this.cardHandlers = o;
    setAttr(card, 'data-postcare', 'card');
    setAttr(card, 'role', 'dialog');
    if (!wasOpen) card.hidden = false;
    this.card = card;
    this.placeCard(o.anchor);
    if (o.focus) (canApply ? c.apply.node : c.dismiss.node).focus();
  }

  /** @param {DOMRect | null} anchor */
  placeCard(anchor) {
    const card = this.card;
    if (!card) return;
    const w = card.offsetWidth || 380;
    const h = card.offsetHeight || 200;
    let left = anchor ? anchor.left : window.innerWidth - w - 16;
    let top = anchor ? anchor.bottom + 6 : 16;
    if (left + w > window.innerWidth - 8) left = window.innerWidth - w - 8;
    if (anchor && top + h > window.innerHeight - 8) top = Math.max(8, anchor.top - h - 6);
    card.style.left = `${Math.max(8, Math.round(left))}px`;
    card.style.top = `${Math.max(8, Math.round(top))}px`;
  }

  /** @param {boolean} [restoreFocus] */
  closeCard(restoreFocus) {
    if (!this.card) return;
    const hadFocus = this.root.activeElement && this.card.contains(this.root.activeElement);
    const card = this.card;
    card.hidden = true;
    card.removeAttribute('data-postcare');
    card.removeAttribute('role');
    this.card = null;
    this.cardHandlers = null;
    if (restoreFocus && hadFocus && !this.badge.hidden) this.badge.focus();
  }

  /** True when the pointer is over the open card. */
  cardContains(x, y) {
    if (!this.card) return false;
    const r = this.card.getBoundingClientRect();
    return x >= r.left - 4 && x <= r.right + 4 && y >= r.top - 4 && y <= r.bottom + 4;
  }

  /**
   * Shows the review dialog and resolves with the worker's choice.
   * @param {import('../shared/messages.js').Finding[]} findings
   * @returns {Promise<'edit' | 'post'>}
   */
  showReview(findings) {
    // Built on demand: it opens only on publishing and takes focus, which ends typing anyway.
    this.closeCard(false);
    this.closeReview();
    return new Promise((resolve) => {
      const backdrop = el('div', { class: 'backdrop' });
      const dialog = el('div', {
        class: 'review', 'data-postcare': 'review', role: 'alertdialog', 'aria-modal': 'true',
        'aria-labelledby': 'pc-review-title', 'aria-describedby': 'pc-review-desc',
      });
      dialog.append(el('h2', { id: 'pc-review-title' }, t('reviewTitle')));
      dialog.append(el('p', { id: 'pc-review-desc' }, t(findings.length === 1 ? 'reviewIntroOne' : 'reviewIntro', String(findings.length))));
      const list = el('ul');
      for (const f of findings) {
        const li = el('li', { 'data-rule': f.rule });
        li.append(el('strong', {}, f.title), document.createTextNode(` — ${f.message}`));
        list.append(li);
      }
      dialog.append(list);
      const actions = el('div', { class: 'actions' });
      const edit = button(el('button', { class: 'primary', 'data-action': 'edit' }), t('editPost'));
      const post = button(el('button', { class: 'danger', 'data-action': 'post' }), t('postAnyway'));
      actions.append(edit, post);
      dialog.append(actions);
      backdrop.append(dialog);

      let done = false;
      /** @param {'edit' | 'post'} choice */
      const finish = (choice) => {
        if (done) return;
        done = true;
        this.closeReview();
        resolve(choice);
      };
      edit.addEventListener('click', () => finish('edit'));
      post.addEventListener('click', () => finish('post'));
      dialog.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') { e.preventDefault(); finish('edit'); return; }
        if (e.key === 'Tab') {
          // Keep focus inside the dialog.
          const items = [edit, post];
          const i = items.indexOf(/** @type {any} */ (this.root.activeElement));
          e.preventDefault();
          items[(i + (e.shiftKey ? items.length - 1 : 1)) % items.length].focus();
        }
      });
      this.layer.append(backdrop);
      this.review = backdrop;
      this.reviewFinish = finish;
      edit.focus();
    });
  }

  closeReview() {
    if (this.review) {
      this.review.remove();
      this.review = null;
    }
  }

  get reviewOpen() {
    return !!this.review;
  }
}
