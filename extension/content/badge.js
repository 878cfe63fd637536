// @ts-check
/**
 * The badge beside the active compose box: how many things to check in it, or, while Post, Send
 * or Enter waits for the draft's first check, that it is being checked; after a post that went out
 * unchecked (the checker failed or did not answer in time), that it was not checked.
 */
import { t } from '../shared/i18n.js';
import { el, setAttr, setText } from './dom.js';

const SIZE = 24;

const CSS = `
.badge { position: fixed; pointer-events: auto; min-width: 24px; height: 24px; padding: 0 6px;
  border-radius: 12px; border: 2px solid #fff; background: #8c1d18; color: #fff; font-weight: 700;
  font-size: 12px; line-height: 20px; text-align: center; box-shadow: 0 1px 4px rgba(0,0,0,.35); }
.badge.caution { background: #6b4500; }
.badge.checking, .badge.unchecked { background: #1d3b6f; }
`;

/**
 * @typedef {'checking' | 'unchecked' | ''} BadgeStatus
 */

export class Badge {
  /** @param {import('./layer.js').Layer} layer */
  constructor(layer) {
    layer.addStyle(CSS);
    this.layer = layer;
    this.node = el('button', {
      class: 'badge', 'data-postcare': 'badge', 'data-count': '0', 'data-warn-count': '0', hidden: '', type: 'button',
    });
    this.text = document.createTextNode('0');
    this.node.append(this.text);
    this.key = '';
    layer.mount(this.node);
  }

  get hidden() {
    return this.node.hidden;
  }

  focus() {
    this.node.focus();
  }

  /**
   * @param {object} o
   * @param {number} o.count  open findings
   * @param {number} o.warn   open warn findings
   * @param {DOMRect | null} o.rect  the compose box, or null when there is none
   * @param {BadgeStatus} [o.status]
   */
  set({ count, warn, rect, status = '' }) {
    const b = this.node;
    setAttr(b, 'data-count', String(count));
    setAttr(b, 'data-warn-count', String(warn));
    if (status) setAttr(b, 'data-status', status);
    else if (b.hasAttribute('data-status')) b.removeAttribute('data-status');
    setText(this.text, status === 'checking' ? '…' : status === 'unchecked' && count === 0 ? '!' : String(count));
    setAttr(b, 'class', `badge${status ? ` ${status}` : warn === 0 ? ' caution' : ''}`);
    const label = status === 'checking' ? t('badgeChecking')
      : status === 'unchecked' ? t('badgeUnchecked')
        : t(count === 1 ? 'badgeLabelOne' : 'badgeLabel', String(count));
    setAttr(b, 'aria-label', label);
    setAttr(b, 'title', label);
    if ((count === 0 && !status) || !rect || (rect.width === 0 && rect.height === 0)) {
      b.hidden = true;
      return;
    }
    b.hidden = false;
    // Placing the badge asks the page's layout what is under it: only when the box has moved.
    const key = `${rect.left},${rect.top},${rect.right},${rect.bottom},${window.innerWidth},${window.innerHeight}`;
    if (key === this.key && b.style.left) return;
    this.key = key;
    const pos = this.position(rect);
    b.style.left = `${pos.left}px`;
    b.style.top = `${pos.top}px`;
  }

  /**
   * Where the badge goes: beside the compose box, at the first of a few spots that does not cover
   * one of the page's own controls (a Send button often sits right beside a chat composer).
   * @param {DOMRect} r
   */
  position(r) {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    /** @param {number} left @param {number} top */
    const clamp = (left, top) => ({
      left: Math.round(Math.max(2, Math.min(vw - SIZE - 2, left))),
      top: Math.round(Math.max(2, Math.min(vh - SIZE - 2, top))),
    });
    const spots = [
      clamp(r.right + 4, r.bottom - SIZE), // right of the box, bottom aligned
      clamp(r.right - SIZE, r.top - SIZE - 4), // above the box, right aligned
      clamp(r.right - SIZE, r.bottom + 4), // below the box, right aligned
      clamp(r.left - SIZE - 4, r.bottom - SIZE), // left of the box
      clamp(r.right - SIZE - 2, r.bottom - SIZE - 2), // inside the bottom-right corner
    ];
    for (const spot of spots) {
      if (!this.coversControl(spot.left, spot.top)) return spot;
    }
    return spots[spots.length - 1];
  }

  /** True when the badge at (left, top) would cover an interactive element of the page. */
  coversControl(left, top) {
    const points = [[left + SIZE / 2, top + SIZE / 2], [left + 2, top + 2], [left + SIZE - 2, top + 2],
      [left + 2, top + SIZE - 2], [left + SIZE - 2, top + SIZE - 2]];
    for (const [x, y] of points) {
      for (const hit of document.elementsFromPoint(x, y)) {
        if (hit === this.layer.host) continue;
        if (hit.closest('button, a[href], input, select, textarea, [role="button"], [role="link"], [contenteditable="true"], [contenteditable=""], [tabindex]:not([tabindex="-1"])')) return true;
        break;
      }
    }
    return false;
  }
}
