// @ts-check
/**
 * The one-line banner above a message box whose conversation is with someone on the worker's
 * watch-list, with a control to dismiss it for that conversation. It lives in the extension's own
 * layer, placed over the page just above the compose box, never inside the page's editor. Built
 * once; later it only changes its text, position and `hidden` (see layer.js).
 */
import { t } from '../shared/i18n.js';
import { el, button, setAttr, setText } from './dom.js';
import { RECIPIENT_RULE, watchedConversation } from './conversations.js';

const GAP = 6;
const MIN_WIDTH = 280;

const CSS = `
.banner { position: fixed; pointer-events: auto; display: flex; align-items: center; gap: 8px;
  background: #fdf3f2; color: #1b1b1b; border: 2px solid #8c1d18; border-radius: 8px; padding: 4px 4px 4px 10px;
  box-shadow: 0 1px 4px rgba(0,0,0,.25); font-weight: 600; }
.banner .text { flex: 1 1 auto; min-width: 0; }
.banner button { flex: none; padding: 2px 8px; border-color: #8c1d18; color: #8c1d18; }
`;

export class Banner {
  /**
   * @param {object} o
   * @param {import('./layer.js').Layer} o.layer
   * @param {import('./watcher.js').Watcher} o.watcher
   * @param {import('./conversations.js').Conversations} o.conversations
   * @param {AbortSignal} o.signal
   */
  constructor({ layer, watcher, conversations, signal }) {
    layer.addStyle(CSS);
    this.watcher = watcher;
    this.conversations = conversations;
    /** The message box whose banner is shown. @type {import('./watcher.js').EditorState | null} */
    this.shownFor = null;
    this.node = el('div', { class: 'banner', 'data-postcare': 'banner', role: 'status', hidden: '' });
    this.text = document.createTextNode('');
    const text = el('span', { class: 'text' });
    text.append(this.text);
    this.dismiss = button({ 'data-action': 'dismiss', 'aria-label': t('bannerDismiss'), title: t('bannerDismiss') }, '✕');
    this.dismiss.addEventListener('click', () => {
      if (this.shownFor) conversations.update(this.shownFor, { dismissed: true });
      this.update();
    }, { signal });
    this.node.append(text, this.dismiss);
    layer.mount(this.node);
  }

  /**
   * Shows the banner above a message box whose conversation is with someone on the watch-list (the
   * active box first), unless the worker dismissed it for that conversation; hides it otherwise.
   */
  update() {
    const w = this.watcher;
    const watched = (/** @type {import('./watcher.js').EditorState | null} */ s) =>
      !!s && s.composer.message && s.el.isConnected && watchedConversation(s);
    const state = w.enabled ? [w.active, ...w.editors.values()].find(watched) || null : null;
    this.shownFor = state;
    const memory = state && this.conversations.peek(state);
    if (state && !memory) this.conversations.load(state).then((m) => { if (m) this.update(); });
    const finding = state && state.open().find((f) => f.rule === RECIPIENT_RULE);
    if (!state || !memory || memory.dismissed || !finding) {
      this.set(null);
      return;
    }
    // The finding's title is the banner's sentence.
    this.set({ text: /[.!?]$/.test(finding.title) ? finding.title : `${finding.title}.`, rect: state.el.getBoundingClientRect() });
  }

  /**
   * Shows `text` just above the compose box at `rect`, or hides the banner (null).
   * @param {{text: string, rect: DOMRect} | null} show
   */
  set(show) {
    const b = this.node;
    if (!show || (show.rect.width === 0 && show.rect.height === 0)) {
      b.hidden = true;
      return;
    }
    setText(this.text, show.text);
    b.hidden = false;
    const r = show.rect;
    const vw = window.innerWidth;
    const width = Math.min(vw - 4, Math.max(r.width, MIN_WIDTH));
    const left = Math.max(2, Math.min(vw - width - 2, r.left));
    // The width first, then the height at that width (the sentence may wrap to more lines than at
    // the banner's last width), so that it ends just above the box. Both happen before a paint.
    const at = `left:${Math.round(left)}px;width:${Math.round(width)}px`;
    setAttr(b, 'style', at);
    const top = Math.max(2, r.top - b.offsetHeight - GAP);
    setAttr(b, 'style', `${at};top:${Math.round(top)}px`);
  }
}
