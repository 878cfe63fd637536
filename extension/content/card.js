// @ts-check
/**
 * The warning card: what was found, why it matters (the guidance section and the Code
 * statements), what to do instead, with Apply suggestion, Dismiss and Close, and arrows between
 * the findings of one draft. Built once; show() fills it in, close() hides it. While closed it is
 * hidden and carries no data-postcare / role, so it is not "the card" to anyone.
 */
import { t } from '../shared/i18n.js';
import { el, textEl, setAttr, setText, button } from './dom.js';

/** Code quotes kept ready (grown only when a finding needs more). */
const QUOTE_POOL = 6;

const CSS = `
.card { position: fixed; pointer-events: auto; width: min(380px, calc(100vw - 16px));
  max-height: min(70vh, 520px); overflow: auto; background: #fff; color: #1b1b1b;
  border: 1px solid #767676; border-top: 5px solid #8c1d18; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0,0,0,.25); padding: 12px 14px; }
.card.caution { border-top-color: #6b4500; }
.card h2 { font-size: 16px; margin: 2px 0 8px; line-height: 1.3; color: #1b1b1b; }
.card .kind { margin: 0; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: #8c1d18; }
.card.caution .kind { color: #6b4500; }
.card .label { margin: 10px 0 2px; font-weight: 700; font-size: 13px; }
.card p { margin: 0 0 4px; }
.card blockquote { margin: 4px 0; padding: 2px 0 2px 10px; border-left: 3px solid #5f6368; color: #333; font-style: italic; }
.card .suggest { margin-top: 8px; color: #333; }
.nav { display: flex; align-items: center; gap: 8px; margin-top: 10px; font-size: 13px; color: #444; }
.nav button { padding: 2px 8px; }
@media (prefers-reduced-motion: no-preference) { .card { animation: pc-in .12s ease-out; } }
`;

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
    const card = el('div', { class: 'card', hidden: '', 'aria-modal': 'false', 'aria-labelledby': 'pc-card-title', tabindex: '-1' });
    const c = {
      kind: textEl('p', { class: 'kind' }),
      title: textEl('h2', { id: 'pc-card-title' }),
      whyLabel: textEl('p', { class: 'label' }),
      why: textEl('p'),
      codeLabel: textEl('p', { class: 'label' }),
      quotes: el('div', { class: 'quotes' }),
      /** @type {{node: HTMLElement, text: Text}[]} */
      quotePool: [],
      insteadLabel: textEl('p', { class: 'label' }),
      instead: textEl('p'),
      suggest: textEl('p', { class: 'suggest' }),
      actions: el('div', { class: 'actions' }),
      apply: textEl('button', { class: 'primary', 'data-action': 'apply', type: 'button' }),
      dismiss: textEl('button', { 'data-action': 'dismiss', type: 'button' }),
      close: textEl('button', { 'data-action': 'close', type: 'button' }),
      nav: el('div', { class: 'nav' }),
      prev: button({ 'data-action': 'previous' }, '‹'),
      next: button({ 'data-action': 'next' }, '›'),
      position: textEl('span'),
    };
    c.actions.append(c.apply.node, c.dismiss.node, c.close.node);
    c.nav.append(c.prev, c.position.node, c.next);
    card.append(c.kind.node, c.title.node, c.whyLabel.node, c.why.node, c.codeLabel.node, c.quotes,
      c.insteadLabel.node, c.instead.node, c.suggest.node, c.actions, c.nav);
    /** @param {keyof CardHandlers} name @param {any[]} args */
    const call = (name, ...args) => { const h = this.handlers; const fn = h && h[name]; if (fn) /** @type {any} */ (fn)(...args); };
    c.apply.node.addEventListener('click', () => call('onApply'));
    c.dismiss.node.addEventListener('click', () => call('onDismiss'));
    c.close.node.addEventListener('click', () => call('onClose'));
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
   * @param {DOMRect | null} o.anchor
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
    const canApply = f.suggestion !== undefined && f.suggestion !== null && !!o.handlers.onApply;
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
    this.handlers = o.handlers;
    setAttr(card, 'data-postcare', 'card');
    setAttr(card, 'role', 'dialog');
    if (!this.isOpen) card.hidden = false;
    this.isOpen = true;
    this.place(o.anchor);
    if (o.focus) (canApply ? c.apply.node : c.dismiss.node).focus();
  }

  /** @param {DOMRect | null} anchor */
  place(anchor) {
    if (!this.isOpen) return;
    const card = this.node;
    const w = card.offsetWidth || 380;
    const h = card.offsetHeight || 200;
    let left = anchor ? anchor.left : window.innerWidth - w - 16;
    let top = anchor ? anchor.bottom + 6 : 16;
    if (left + w > window.innerWidth - 8) left = window.innerWidth - w - 8;
    if (anchor && top + h > window.innerHeight - 8) top = Math.max(8, anchor.top - h - 6);
    card.style.left = `${Math.max(8, Math.round(left))}px`;
    card.style.top = `${Math.max(8, Math.round(top))}px`;
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
    return hadFocus;
  }

  /** True when the point is over the open card. @param {number} x @param {number} y */
  contains(x, y) {
    if (!this.isOpen) return false;
    const r = this.node.getBoundingClientRect();
    return x >= r.left - 4 && x <= r.right + 4 && y >= r.top - 4 && y <= r.bottom + 4;
  }
}
