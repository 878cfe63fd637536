// @ts-check
/**
 * Underlines findings without touching the page's editor.
 *
 * Contenteditable editors: the CSS Custom Highlight API (CSS.highlights 'postcare-warn' and
 * 'postcare-caution', styled by content.css). Textareas, and browsers without the API: overlay
 * marks ([data-postcare="mark"]) drawn in our shadow root over the text, measured with a mirror
 * element that stays in our shadow root, hidden and empty except during the measurement. (Adding
 * or removing a node would end the textarea's undo group in Chromium; changing a Text node's data,
 * styles or `hidden` does not.)
 */

import { el, setAttr } from './dom.js';

export const HIGHLIGHT_WARN = 'postcare-warn';
export const HIGHLIGHT_CAUTION = 'postcare-caution';

const HIGHLIGHT_CSS = `
::highlight(postcare-warn) { text-decoration: underline wavy #b3261e; text-decoration-thickness: 2px;
  text-decoration-skip-ink: none; text-underline-offset: 3px; background-color: rgba(179, 38, 30, 0.12); }
::highlight(postcare-caution) { text-decoration: underline dotted #8a5a00; text-decoration-thickness: 2px;
  text-decoration-skip-ink: none; text-underline-offset: 3px; background-color: rgba(138, 90, 0, 0.08); }
`;

export const highlightSupported = (() => {
  try {
    return typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function';
  } catch {
    return false;
  }
})();

/** Copies the text-layout styles of a textarea onto the mirror. */
const MIRROR_PROPS = [
  'boxSizing', 'width', 'height', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth',
  'borderLeftWidth', 'borderStyle', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontSizeAdjust',
  'lineHeight', 'fontFamily', 'fontFeatureSettings', 'textAlign', 'textTransform', 'textIndent',
  'letterSpacing', 'wordSpacing', 'tabSize', 'direction', 'writingMode',
];

/** Overlay marks kept ready (grown only when a draft needs more). */
const MARK_POOL = 64;

const MARK_CSS = `
.mark { position: fixed; pointer-events: none; border-bottom: 2px solid #b3261e;
  background: rgba(179, 38, 30, 0.10); }
.mark.caution { border-bottom: 2px dotted #8a5a00; background: rgba(138, 90, 0, 0.08); }
`;

export class Highlighter {
  /** @param {import('./layer.js').Layer} layer */
  constructor(layer) {
    layer.addStyle(MARK_CSS);
    this.marks = el('div', { class: 'marks', 'aria-hidden': 'true' });
    /** Overlay marks, created up front and reused. @type {HTMLElement[]} */
    this.markPool = [];
    this.growMarks(MARK_POOL);
    /** Text-measuring mirror for textareas (see textareaRects); always attached, hidden. */
    this.mirror = el('div', { 'aria-hidden': 'true', hidden: '' });
    this.mirrorText = document.createTextNode('');
    this.mirror.append(this.mirrorText);
    layer.mount(this.marks, this.mirror);
    /** @type {Map<object, {warn: Range[], caution: Range[]}>} */
    this.byEditor = new Map();
    /** @type {WeakSet<ShadowRoot>} */
    this.styledRoots = new WeakSet();
  }

  /**
   * Sets the ranges for one editor (contenteditable, with the API) and repaints.
   * @param {object} key
   * @param {Element} editor
   * @param {{range: Range | null, severity: string}[]} items
   */
  set(key, editor, items) {
    if (!highlightSupported) return;
    const warn = [];
    const caution = [];
    for (const { range, severity } of items) {
      if (!range) continue;
      (severity === 'warn' ? warn : caution).push(range);
    }
    if (warn.length || caution.length) this.byEditor.set(key, { warn, caution });
    else this.byEditor.delete(key);
    this.styleShadowRoot(editor);
    this.repaint();
  }

  /** @param {object} key */
  clear(key) {
    if (this.byEditor.delete(key)) this.repaint();
  }

  repaint() {
    if (!highlightSupported) return;
    const warn = [];
    const caution = [];
    for (const v of this.byEditor.values()) {
      warn.push(...v.warn);
      caution.push(...v.caution);
    }
    try {
      if (warn.length) {
        const h = new Highlight(...warn);
        h.priority = 2;
        CSS.highlights.set(HIGHLIGHT_WARN, h);
      } else CSS.highlights.delete(HIGHLIGHT_WARN);
      if (caution.length) {
        const h = new Highlight(...caution);
        h.priority = 1;
        CSS.highlights.set(HIGHLIGHT_CAUTION, h);
      } else CSS.highlights.delete(HIGHLIGHT_CAUTION);
    } catch {
      // Highlights are a nicety; never let them break the page.
    }
  }

  /** ::highlight() rules must live in the editor's own tree; content.css covers the document. */
  styleShadowRoot(editor) {
    const root = editor.getRootNode();
    if (!(root instanceof ShadowRoot) || this.styledRoots.has(root)) return;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.styledRoots.add(root);
    } catch {
      // Overlay marks still work.
    }
  }

  /**
   * Viewport rectangles of [start, end) in a textarea, measured on the mirror in our shadow root.
   * The mirror is shown and holds the text only for the duration of this call.
   * @param {HTMLTextAreaElement | HTMLInputElement} ta
   * @param {{start: number, end: number}[]} spans
   * @returns {DOMRect[][]}
   */
  textareaRects(ta, spans) {
    const box = ta.getBoundingClientRect();
    if (!spans.length || (box.width === 0 && box.height === 0)) return spans.map(() => []);
    const cs = getComputedStyle(ta);
    const m = this.mirror;
    const node = this.mirrorText;
    const s = m.style;
    for (const p of MIRROR_PROPS) /** @type {any} */ (s)[p] = /** @type {any} */ (cs)[p];
    s.position = 'fixed';
    s.left = `${box.left}px`;
    s.top = `${box.top}px`;
    s.visibility = 'hidden';
    s.overflow = 'hidden';
    s.whiteSpace = ta instanceof HTMLTextAreaElement ? 'pre-wrap' : 'pre';
    s.overflowWrap = 'break-word';
    s.borderColor = 'transparent';
    // Scrollbars take width from the content box: match the textarea's client width.
    const scrollbar = ta.offsetWidth - ta.clientWidth - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
    if (scrollbar > 0) s.paddingRight = `${parseFloat(cs.paddingRight) + scrollbar}px`;
    node.data = ta.value;
    m.hidden = false;
    const out = [];
    try {
      const mbox = m.getBoundingClientRect();
      const dx = box.left - mbox.left - ta.scrollLeft;
      const dy = box.top - mbox.top - ta.scrollTop;
      const clip = {
        left: box.left + ta.clientLeft, top: box.top + ta.clientTop,
        right: box.left + ta.clientLeft + ta.clientWidth, bottom: box.top + ta.clientTop + ta.clientHeight,
      };
      for (const { start, end } of spans) {
        const r = new Range();
        r.setStart(node, Math.min(start, node.length));
        r.setEnd(node, Math.min(end, node.length));
        const rects = [];
        for (const rect of r.getClientRects()) {
          const left = Math.max(rect.left + dx, clip.left);
          const top = Math.max(rect.top + dy, clip.top);
          const right = Math.min(rect.right + dx, clip.right);
          const bottom = Math.min(rect.bottom + dy, clip.bottom);
          if (right > left && bottom > top) rects.push(new DOMRect(left, top, right - left, bottom - top));
        }
        out.push(rects);
      }
    } finally {
      node.data = '';
      m.hidden = true;
    }
    return out;
  }

  /** Adds `n` hidden overlay marks to the pool. @param {number} n */
  growMarks(n) {
    const fresh = [];
    for (let i = 0; i < n; i++) fresh.push(el('div', { class: 'mark', 'aria-hidden': 'true', hidden: '' }));
    this.markPool.push(...fresh);
    this.marks.append(...fresh);
  }

  /**
   * Draws overlay marks (textareas, and browsers without the Highlight API).
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
      /** @param {number} v */
      const px = (v) => `${v}px`;
      if (st.left !== px(mark.rect.left)) st.left = px(mark.rect.left);
      if (st.top !== px(mark.rect.top)) st.top = px(mark.rect.top);
      if (st.width !== px(mark.rect.width)) st.width = px(mark.rect.width);
      if (st.height !== px(mark.rect.height)) st.height = px(mark.rect.height);
      if (m.hidden) m.hidden = false;
    });
  }
}
