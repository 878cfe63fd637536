// @ts-check
/**
 * The warning card. It leads with what was found, what to do instead and the Apply suggestion
 * button, with Dismiss beside it and Close in its corner; why it matters (the guidance section and
 * the Code statements) waits behind a "Why it matters" disclosure; arrows move between the
 * findings of one draft. It is placed beside the words it explains, never over them and never cut
 * off by the window (placement.js). Built once; show() fills it in, close() hides it. While closed
 * it is hidden and carries no data-postcare / role, so it is not "the card" to anyone.
 */
import { t } from '../shared/i18n.js';
import { el, textEl, setAttr, setText, button } from './dom.js';
import { placeCard } from './placement.js';

/** Code quotes kept ready (grown only when a finding needs more). */
const QUOTE_POOL = 6;

const CSS = `
.card { position: fixed; pointer-events: auto; width: min(400px, calc(100vw - 16px));
  overflow: auto; background: #fff; color: #1b1b1b;
  border: 1px solid #767676; border-top: 5px solid #8c1d18; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0,0,0,.25); padding: 10px 14px 12px; }
.card.caution { border-top-color: #6b4500; }
.card h2 { font-size: 16px; margin: 2px 0 6px; line-height: 1.3; color: #1b1b1b; }
.card .kind { margin: 0 28px 0 0; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: #8c1d18; }
.card.caution .kind { color: #6b4500; }
.card p { margin: 0 0 4px; }
.card .suggest { color: #333; }
.card .actions { margin-top: 8px; }
.card .actions button { padding: 5px 10px; }
.card .close { position: absolute; top: 6px; right: 6px; width: 28px; height: 28px; padding: 0; border: none;
  font-size: 20px; line-height: 28px; color: #333; background: none; }
.card details { margin-top: 8px; border-top: 1px solid #ddd; padding-top: 6px; }
.card summary { cursor: pointer; font-weight: 700; font-size: 13px; color: #1d3b6f; }
.card summary:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.card details p { margin: 4px 0; }
.card .label { margin: 8px 0 2px; font-weight: 700; font-size: 13px; }
.card blockquote { margin: 4px 0; padding: 2px 0 2px 10px; border-left: 3px solid #5f6368; color: #333; font-style: italic; }
.nav { display: flex; align-items: center; gap: 8px; margin-top: 8px; font-size: 13px; color: #444; }
.nav button { padding: 2px 8px; }
@media (prefers-reduced-motion: no-preference) { .card { animation: pc-in .12s ease-out; } }
`;

/**
 * Where a card goes: the rectangles of the words it explains, other underlined words to keep
 * clear, and the compose box when the words are out of sight.
 * @typedef {{words: DOMRect[], avoid: DOMRect[], fallback: DOMRect | null}} Anchor
 */

/**
 * @typedef {object} CardHandlers
 * @property {() => void} [onApply]
 * @property {() => void} onDismiss
 * @property {(step: number) => void} onNavigate
 * @property {() => void} onClose
 */

export class Card {
  /** @param {import('./layer.js').Layer} layer */
  constructor(layer) {
    layer.addStyle(CSS);
    this.layer = layer;
    /** Callbacks of the open card. @type {CardHandlers | null} */
    this.handlers = null;
    this.isOpen = false;
    /** Where the open card is placed. @type {Anchor | null} */
    this.anchor = null;
    /** The finding the card shows (its "Why" starts closed for each new one). */
    this.shown = '';
    const card = el('div', { class: 'card', hidden: '', 'aria-modal': 'false', 'aria-labelledby': 'pc-card-title', tabindex: '-1' });
    const c = {
      kind: textEl('p', { class: 'kind' }),
      title: textEl('h2', { id: 'pc-card-title' }),
      // What this draft's context adds (a work group chat is not a secure system).
      detail: textEl('p', { 'data-part': 'detail' }),
      instead: el('p', { 'data-part': 'instead' }),
      insteadLabel: textEl('strong'),
      insteadText: document.createTextNode(''),
      suggest: textEl('p', { class: 'suggest' }),
      actions: el('div', { class: 'actions' }),
      apply: textEl('button', { class: 'primary', 'data-action': 'apply', type: 'button' }),
      dismiss: textEl('button', { 'data-action': 'dismiss', type: 'button' }),
      close: button({ class: 'close', 'data-action': 'close' }, '×'),
      why: /** @type {HTMLDetailsElement} */ (el('details', { 'data-part': 'why' })),
      whySummary: textEl('summary'),
      whyText: textEl('p'),
      codeLabel: textEl('p', { class: 'label' }),
      quotes: el('div', { class: 'quotes' }),
      /** @type {{node: HTMLElement, text: Text}[]} */
      quotePool: [],
      nav: el('div', { class: 'nav' }),
      prev: button({ 'data-action': 'previous' }, '‹'),
      next: button({ 'data-action': 'next' }, '›'),
      position: textEl('span'),
    };
    c.instead.append(c.insteadLabel.node, c.insteadText);
    c.actions.append(c.apply.node, c.dismiss.node);
    c.why.append(c.whySummary.node, c.whyText.node, c.codeLabel.node, c.quotes);
    c.nav.append(c.prev, c.position.node, c.next);
    card.append(c.close, c.kind.node, c.title.node, c.detail.node, c.instead, c.suggest.node, c.actions, c.why, c.nav);
    // Opening "Why" makes the card taller: place it again so it stays clear of the words.
    c.why.addEventListener('toggle', () => this.place(this.anchor));
    /** @param {keyof CardHandlers} name @param {any[]} args */
    const call = (name, ...args) => { const h = this.handlers; const fn = h && h[name]; if (fn) /** @type {any} */ (fn)(...args); };
    c.apply.node.addEventListener('click', () => call('onApply'));
    c.dismiss.node.addEventListener('click', () => call('onDismiss'));
    c.close.addEventListener('click', () => call('onClose'));
    c.prev.addEventListener('click', () => call('onNavigate', -1));
    c.next.addEventListener('click', () => call('onNavigate', 1));
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.isOpen) { e.preventDefault(); call('onClose'); }
    });
    this.node = card;
    this.parts = c;
    this.growQuotes(QUOTE_POOL);
    layer.mount(card);
  }

  /** @param {number} n */
  growQuotes(n) {
    const c = this.parts;
    for (let i = 0; i < n; i++) {
      const q = textEl('blockquote', { hidden: '' });
      c.quotePool.push(q);
      c.quotes.append(q.node);
    }
  }

  /**
   * Opens the card for one finding (or refills it in place).
   * @param {object} o
   * @param {import('../shared/messages.js').Finding} o.finding
   * @param {number} o.index
   * @param {number} o.total
   * @param {Anchor | null} o.anchor
   * @param {boolean} o.focus  Move focus into the card (opened from the keyboard or the badge).
   * @param {CardHandlers} o.handlers
   */
  show(o) {
    const f = o.finding;
    const warn = f.severity === 'warn';
    const card = this.node;
    const c = this.parts;
    setAttr(card, 'class', `card ${warn ? 'warn' : 'caution'}`);
    setAttr(card, 'data-rule', f.rule);
    setAttr(card, 'data-severity', f.severity);
    setText(c.kind.text, `${t(warn ? 'severityWarn' : 'severityCaution')} · ${f.guidance}`);
    setText(c.title.text, f.title);
    c.detail.node.hidden = !f.detail;
    setText(c.detail.text, f.detail || '');
    setText(c.insteadLabel.text, `${t('cardInstead')}: `);
    setText(c.insteadText, f.instead);
    const canApply = f.suggestion !== undefined && f.suggestion !== null && !!o.handlers.onApply;
    c.suggest.node.hidden = !canApply;
    c.apply.node.hidden = !canApply;
    setText(c.suggest.text, canApply ? (f.suggestion === '' ? t('suggestRemove') : t('suggestReplace', f.suggestion)) : '');
    const shown = `${f.rule}\u0000${o.index}`;
    if (shown !== this.shown && c.why.open) c.why.open = false;
    this.shown = shown;
    setText(c.whySummary.text, t('cardWhy'));
    setText(c.whyText.text, f.why);
    const code = f.code && f.code.length ? f.code : [];
    c.codeLabel.node.hidden = code.length === 0;
    setText(c.codeLabel.text, t('cardCode'));
    if (code.length > c.quotePool.length) this.growQuotes(code.length - c.quotePool.length);
    c.quotePool.forEach((q, i) => {
      q.node.hidden = i >= code.length;
      setText(q.text, i < code.length ? code[i] : '');
    });
    setText(c.apply.text, t('applySuggestion'));
    setText(c.dismiss.text, t('dismissForPost'));
    setAttr(c.close, 'aria-label', t('close'));
    c.nav.hidden = o.total <= 1;
    setAttr(c.prev, 'aria-label', t('previous'));
    setAttr(c.next, 'aria-label', t('next'));
    setText(c.position.text, o.total > 1 ? t('cardPosition', [String(o.index + 1), String(o.total)]) : '');
    this.handlers = o.handlers;
    setAttr(card, 'data-postcare', 'card');
    setAttr(card, 'role', 'dialog');
    if (!this.isOpen) card.hidden = false;
    this.isOpen = true;
    this.place(o.anchor);
    if (o.focus) (canApply ? c.apply.node : c.dismiss.node).focus();
  }

  /**
   * Places the open card beside its words: below, above or to one side, never over them, and
   * never past the window's edges (it scrolls inside when no spot holds all of it).
   * @param {Anchor | null} anchor
   */
  place(anchor) {
    if (!this.isOpen) return;
    this.anchor = anchor;
    const card = this.node;
    const st = card.style;
    // Its whole height, even while its max-height clips it: the content's plus the borders.
    const height = card.scrollHeight + card.offsetHeight - card.clientHeight;
    const spot = placeCard({
      width: card.offsetWidth || 400,
      height: height || 200,
      words: anchor ? anchor.words : [],
      avoid: anchor ? anchor.avoid : [],
      fallback: anchor ? anchor.fallback : null,
      vw: window.innerWidth,
      vh: window.innerHeight,
    });
    const px = (v) => `${v}px`;
    if (st.left !== px(spot.left)) st.left = px(spot.left);
    if (st.top !== px(spot.top)) st.top = px(spot.top);
    if (st.maxHeight !== px(spot.maxHeight)) st.maxHeight = px(spot.maxHeight);
  }

  /** @returns {boolean} whether focus was inside the card */
  close() {
    if (!this.isOpen) return false;
    const active = this.layer.activeElement;
    const hadFocus = !!active && this.node.contains(active);
    const card = this.node;
    card.hidden = true;
    card.removeAttribute('data-postcare');
    card.removeAttribute('role');
    this.isOpen = false;
    this.handlers = null;
    this.anchor = null;
    return hadFocus;
  }

  /** True when the point is over the open card. @param {number} x @param {number} y */
  contains(x, y) {
    if (!this.isOpen) return false;
    const r = this.node.getBoundingClientRect();
    return x >= r.left - 4 && x <= r.right + 4 && y >= r.top - 4 && y <= r.bottom + 4;
  }
}
