// @ts-check
/**
 * The review dialog: shown when Post, Send or Enter is pressed while a draft has an open warning.
 * Findings are grouped by kind, each group with its guidance section, the words found, one why
 * and one what-to-do, so the whole dialog reads at a glance. It asks once more: "Make it
 * safe" (every available suggestion applied through the editor, as the card's Apply suggestion
 * does, then the draft re-checked and what remains shown), "Edit post" (back to the editor) or
 * "Post anyway" ("Post" once nothing holds the post back).
 * A draft with a photo or video also gets the photo question (a prompt from the check, not a
 * finding); on its own it is answered with "It doesn't — post" or "Edit post". In a conversation
 * with someone on the watch-list, a box lets the worker stop the dialog asking before Send there.
 * Built on demand: it opens only on publishing and takes focus, which ends typing anyway.
 */
import { t } from '../shared/i18n.js';
import { el, button } from './dom.js';
import { groupFindings, hasSuggestion } from '../shared/findings.js';

/** @typedef {import('../shared/messages.js').Finding} Finding */
/** @typedef {import('./watcher.js').Prompt} Prompt */

/**
 * What "Make it safe" reports back: how many suggestions went in, and the re-checked draft.
 * @typedef {{applied: number, findings: Finding[], text: string}} SafeResult
 */

const CSS = `
.backdrop { position: fixed; inset: 0; pointer-events: auto; background: rgba(0,0,0,.45);
  display: flex; align-items: center; justify-content: center; }
.review { background: #fff; color: #1b1b1b; width: min(520px, calc(100vw - 24px)); max-height: calc(100vh - 24px);
  display: flex; flex-direction: column; overflow: hidden; border-radius: 10px; padding: 16px 20px;
  border-top: 6px solid #8c1d18; box-shadow: 0 10px 40px rgba(0,0,0,.4); }
.review > * { flex: none; }
.review.clear { border-top-color: #1e6b34; }
.review h2 { font-size: 17px; margin: 0 0 4px; line-height: 1.3; color: #1b1b1b; }
.review > p { margin: 0 0 8px; }
/* The title and the buttons stay in view; a long list of groups scrolls between them. */
.review .groups { list-style: none; padding: 0; margin: 0; flex: 0 1 auto; min-height: 60px; overflow: auto;
  overscroll-behavior: contain; }
.review .group { border-left: 4px solid #8c1d18; background: #fdf3f2; border-radius: 0 6px 6px 0;
  padding: 8px 10px; margin: 0 0 8px; }
.review .group.caution { border-left-color: #6b4500; background: #fdf6e7; }
.review h3 { font-size: 15px; margin: 0 0 4px; line-height: 1.3; }
.review .group .kind { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: #8c1d18; margin: 0; }
.review .group.caution .kind { color: #6b4500; }
.review .group p { margin: 2px 0; }
.review .group summary { cursor: pointer; font-size: 13px; margin: 2px 0; }
.review .found q { quotes: "“" "”"; font-weight: 700; background: #fff; border-bottom: 2px solid #b3261e; padding: 0 2px; }
.review .group.caution .found q { border-bottom-style: dotted; border-bottom-color: #8a5a00; }
.review .groups:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.review .prompt { border-left: 4px solid #1d3b6f; background: #eef3fb; border-radius: 0 6px 6px 0;
  padding: 8px 10px; margin: 0 0 8px; }
.review .prompt p { margin: 2px 0; }
.review .ask { display: flex; gap: 8px; align-items: flex-start; margin: 4px 0 0; font-weight: 600; }
.review .ask input { margin: 3px 0 0; width: 18px; height: 18px; flex: none; }
.review .status:empty { display: none; }
.review .status { font-weight: 600; color: #14522a; }
.review [aria-disabled="true"] { opacity: .6; cursor: progress; }
@media (prefers-reduced-motion: no-preference) { .review { animation: pc-in .12s ease-out; } }
`;

/**
 * The groups of a draft's findings, as a list.
 * @param {Finding[]} findings
 * @param {string} text  The text the findings' spans point into.
 */
function groupList(findings, text) {
  const list = el('ul', { class: 'groups' });
  for (const g of groupFindings(findings, text)) {
    const li = el('li', { class: `group ${g.severity}`, 'data-postcare': 'group', 'data-severity': g.severity, 'data-rule': g.findings[0].rule });
    const kind = g.severity === 'warn' ? g.guidance : `${t('severityCaution')} · ${g.guidance}`;
    li.append(el('p', { class: 'kind', 'data-part': 'section' }, kind), el('h3', {}, g.title));
    if (g.words.length) {
      const found = el('p', { class: 'found' }, `${t('reviewFound')} `);
      g.words.forEach((w, i) => {
        if (i) found.append(', ');
        found.append(el('q', { 'data-postcare': 'found' }, w));
      });
      li.append(found);
    }
    const why = el('p');
    why.append(el('strong', {}, `${t('cardWhy')}: `), g.why);
    const instead = el('p');
    instead.append(el('strong', {}, `${t('cardInstead')}: `), g.instead);
    if (g.severity === 'warn') {
      li.append(why, instead);
    } else {
      // A caution is worth a look, not a stop: its why and what-to-do open on request, so the
      // warnings stay readable at a glance.
      const more = el('details');
      more.append(el('summary', {}, t('reviewCautionMore')), why, instead);
      li.append(more);
    }
    list.append(li);
  }
  return list;
}

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
   * @param {object} o
   * @param {Finding[]} o.findings  The draft's open findings.
   * @param {string} o.text  The draft they belong to.
   * @param {() => Promise<SafeResult>} o.makeSafe
   * @param {Prompt[]} [o.prompts]  Questions to ask with the findings (the photo check).
   * @param {() => void} [o.stopAsking]  When set, a box offers to stop asking in this conversation;
   *   called when the dialog closes with it ticked.
   * @returns {Promise<'edit' | 'post'>}
   */
  show(o) {
    this.close();
    return new Promise((resolve) => {
      const backdrop = el('div', { class: 'backdrop' });
      const dialog = el('div', {
        class: 'review', 'data-postcare': 'review', role: 'alertdialog', 'aria-modal': 'true',
        'aria-labelledby': 'pc-review-title', 'aria-describedby': 'pc-review-desc',
      });
      const intro = el('p', { id: 'pc-review-desc' });
      let list = el('ul');
      const status = el('p', { class: 'status', role: 'status' });
      const safe = button({ class: 'primary', 'data-action': 'safe' }, t('makeSafe'));
      const edit = button({ 'data-action': 'edit' }, t('editPost'));
      const post = button({ class: 'danger', 'data-action': 'post' }, t('postAnyway'));
      const actions = el('div', { class: 'actions' });
      actions.append(safe, edit, post);
      const prompts = o.prompts || [];
      const questions = prompts.map((p) => {
        const box = el('section', { class: 'prompt', 'data-postcare': 'prompt', 'data-prompt': p.id });
        box.append(el('h3', {}, p.title), el('p', {}, p.message));
        return box;
      });
      /** @type {HTMLInputElement | null} */
      let stop = null;
      const asks = [];
      if (o.stopAsking) {
        stop = /** @type {HTMLInputElement} */ (el('input', { type: 'checkbox', 'data-action': 'stop-asking' }));
        const label = el('label', { class: 'ask' });
        label.append(stop, el('span', {}, t('reviewStopAsking')));
        asks.push(label);
      }
      dialog.append(el('h2', { id: 'pc-review-title' }, t('reviewTitle')), intro, list, ...questions, ...asks, status, actions);
      backdrop.append(dialog);

      // A list too long for the window scrolls, and then takes focus so the keyboard can scroll it.
      const scrollable = () => {
        if (!list.isConnected) return;
        if (list.scrollHeight > list.clientHeight + 1) list.setAttribute('tabindex', '0');
        else list.removeAttribute('tabindex');
      };
      /**
       * Fills the dialog in for a draft's findings; true while a warning still holds the post.
       * @param {Finding[]} findings @param {string} text
       */
      const render = (findings, text) => {
        const warn = findings.some((f) => f.severity === 'warn');
        const groups = groupFindings(findings, text).length;
        intro.textContent = warn ? t(groups === 1 ? 'reviewIntroOne' : 'reviewIntro', String(groups))
          : prompts.length ? t('reviewQuestion') : t('reviewAllClear');
        const fresh = groupList(findings, text);
        list.replaceWith(fresh);
        list = fresh;
        list.hidden = findings.length === 0;
        list.setAttribute('aria-label', t('reviewFindingsLabel'));
        scrollable();
        dialog.classList.toggle('clear', !warn);
        safe.hidden = !findings.some(hasSuggestion);
        post.textContent = t(warn ? 'postAnyway' : prompts.length ? 'promptPost' : 'postNow');
        post.className = warn ? 'danger' : 'primary';
        return warn;
      };
      render(o.findings, o.text);

      let done = false;
      let busy = false;
      /** @param {'edit' | 'post'} choice */
      const finish = (choice) => {
        if (done || busy) return;
        done = true;
        if (stop?.checked) o.stopAsking?.();
        this.close();
        resolve(choice);
      };
      edit.addEventListener('click', () => finish('edit'));
      post.addEventListener('click', () => finish('post'));
      safe.addEventListener('click', async () => {
        if (busy || done) return;
        busy = true;
        for (const b of [safe, edit, post]) b.setAttribute('aria-disabled', 'true');
        status.textContent = t('makingSafe');
        /** @type {SafeResult | null} */
        let result = null;
        try {
          result = await o.makeSafe();
        } catch {
          result = null;
        }
        busy = false;
        for (const b of [safe, edit, post]) b.removeAttribute('aria-disabled');
        if (done) return;
        const warn = result ? render(result.findings, result.text) : true;
        status.textContent = !result || result.applied === 0 ? t('makeSafeFailed')
          : t(result.applied === 1 ? 'madeSafeOne' : 'madeSafe', String(result.applied));
        (warn ? edit : post).focus({ preventScroll: true });
      });
      dialog.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') { e.preventDefault(); finish('edit'); return; }
        if (e.key === 'Tab') {
          // Keep focus inside the dialog.
          scrollable();
          const buttons = [...(stop ? [stop] : []), ...[safe, edit, post].filter((b) => !b.hidden)];
          const items = list.hasAttribute('tabindex') ? [list, ...buttons] : buttons;
          const i = items.indexOf(/** @type {any} */ (this.layer.activeElement));
          e.preventDefault();
          items[(i + (e.shiftKey ? items.length - 1 : 1)) % items.length].focus();
        }
      });
      this.layer.mount(backdrop);
      this.backdrop = backdrop;
      scrollable();
      edit.focus({ preventScroll: true });
    });
  }

  close() {
    if (this.backdrop) {
      this.backdrop.remove();
      this.backdrop = null;
    }
  }
}
