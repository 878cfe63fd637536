// @ts-check
/**
 * The review dialog: shown when Post, Send or Enter is pressed while a draft has an open warning.
 * Lists the findings and asks once more: "Edit post" (back to the editor) or "Post anyway".
 * Built on demand: it opens only on publishing and takes focus, which ends typing anyway.
 */
import { t } from '../shared/i18n.js';
import { el, button } from './dom.js';

const CSS = `
.backdrop { position: fixed; inset: 0; pointer-events: auto; background: rgba(0,0,0,.45);
  display: flex; align-items: center; justify-content: center; }
.review { background: #fff; color: #1b1b1b; width: min(480px, calc(100vw - 24px)); max-height: 85vh;
  overflow: auto; border-radius: 10px; padding: 18px 20px; border-top: 6px solid #8c1d18;
  box-shadow: 0 10px 40px rgba(0,0,0,.4); }
.review h2 { font-size: 16px; margin: 2px 0 8px; line-height: 1.3; color: #1b1b1b; }
.review ul { padding-left: 20px; margin: 8px 0; }
.review li { margin: 6px 0; }
@media (prefers-reduced-motion: no-preference) { .review { animation: pc-in .12s ease-out; } }
`;

export class Review {
  /** @param {import('./layer.js').Layer} layer */
  constructor(layer) {
    layer.addStyle(CSS);
    this.layer = layer;
    /** @type {HTMLElement | null} */
    this.backdrop = null;
  }

  get isOpen() {
    return !!this.backdrop;
  }

  /**
   * Shows the dialog and resolves with the worker's choice.
   * @param {import('../shared/messages.js').Finding[]} findings
   * @returns {Promise<'edit' | 'post'>}
   */
  show(findings) {
    this.close();
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
      const edit = button({ class: 'primary', 'data-action': 'edit' }, t('editPost'));
      const post = button({ class: 'danger', 'data-action': 'post' }, t('postAnyway'));
      actions.append(edit, post);
      dialog.append(actions);
      backdrop.append(dialog);

      let done = false;
      /** @param {'edit' | 'post'} choice */
      const finish = (choice) => {
        if (done) return;
        done = true;
        this.close();
        resolve(choice);
      };
      edit.addEventListener('click', () => finish('edit'));
      post.addEventListener('click', () => finish('post'));
      dialog.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') { e.preventDefault(); finish('edit'); return; }
        if (e.key === 'Tab') {
          // Keep focus inside the dialog.
          const items = [edit, post];
          const i = items.indexOf(/** @type {any} */ (this.layer.activeElement));
          e.preventDefault();
          items[(i + (e.shiftKey ? items.length - 1 : 1)) % items.length].focus();
        }
      });
      this.layer.mount(backdrop);
      this.backdrop = backdrop;
      edit.focus();
    });
  }

  close() {
    if (this.backdrop) {
      this.backdrop.remove();
      this.backdrop = null;
    }
  }
}
