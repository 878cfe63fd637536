// @ts-check
/**
 * Reading an editor's text, and mapping offsets in that text (UTF-16 code units, as the engine
 * returns them) back to DOM positions.
 *
 * The same walk produces both, so they always agree: text nodes contribute their data, a <br>
 * contributes "\n" (except the trailing placeholder <br> that Lexical, Draft.js, ProseMirror and
 * Quill put in empty or last lines), and a block boundary contributes one "\n" between blocks.
 * Nothing here writes to the page.
 */

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P',
  'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/**
 * @typedef {object} Segment
 * @property {Node} node   A Text node, or the element (br / block) a virtual "\n" stands for.
 * @property {number} start  Offset of the segment in the extracted text.
 * @property {number} end
 * @property {boolean} text  True for a Text node segment.
 *
 * @typedef {object} Extract
 * @property {string} text
 * @property {Segment[]} segments  Empty for textareas.
 */

/**
 * @param {Element} el
 * @returns {el is HTMLTextAreaElement | HTMLInputElement}
 */
export function isTextControl(el) {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type === 'text');
}

/** @param {Node} br */
function isTrailingBreak(br) {
  let next = br.nextSibling;
  while (next && next.nodeType === Node.TEXT_NODE && next.nodeValue === '') next = next.nextSibling;
  if (next) return false;
  const parent = br.parentElement;
  return !!parent && (BLOCK_TAGS.has(parent.tagName) || parent.isContentEditable && !parent.parentElement?.isContentEditable);
}

/**
 * Extracts the text of an editor root (textarea or contenteditable).
 * @param {Element} root
 * @param {boolean} [renderedOnly]  Skip elements that are not rendered (display: none and the like).
 * @returns {Extract}
 */
export function extract(root, renderedOnly = false) {
  if (isTextControl(root)) {
    return { text: /** @type {HTMLTextAreaElement} */ (root).value, segments: [] };
  }
  /** @type {Segment[]} */
  const segments = [];
  let text = '';
  let needBreak = false;

  /** @param {Node} node */
  const newline = (node) => {
    segments.push({ node, start: text.length, end: text.length + 1, text: false });
    text += '\n';
  };
  /** @param {Node} node */
  const flushBreak = (node) => {
    if (needBreak && text.length > 0 && !text.endsWith('\n')) newline(node);
    needBreak = false;
  };

  /** @param {Node} parent */
  const walk = (parent) => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const data = /** @type {Text} */ (child).data;
        if (!data) continue;
        flushBreak(child);
        segments.push({ node: child, start: text.length, end: text.length + data.length, text: true });
        text += data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const el = /** @type {Element} */ (child);
        const tag = el.tagName;
        if (SKIP_TAGS.has(tag)) continue;
        if (renderedOnly && typeof el.checkVisibility === 'function' && !el.checkVisibility()) continue;
        if (tag === 'BR') {
          if (isTrailingBreak(el)) { needBreak = true; continue; }
          flushBreak(el);
          newline(el);
          continue;
        }
        const block = BLOCK_TAGS.has(tag);
        if (block) needBreak = true;
        walk(el);
        if (block) needBreak = true;
      }
    }
  };
  walk(root);
  return { text, segments };
}

/** Text compared for meaning: whitespace runs count as one space. @param {string} text */
const squash = (text) => text.replace(/[\s\u00a0]+/g, ' ').trim();

/**
 * The draft in an editor root, as the worker sees it. The DOM walk above is the reader; when what
 * it reads does not match the box's visible text (editors that keep hidden or stale nodes inside
 * the box, or typing that landed outside the editor's own nodes), the rendered nodes are read
 * instead, and failing that the visible text itself (checked and badged, but with no positions to
 * underline).
 * @param {Element} root
 * @returns {Extract}
 */
export function readDraft(root) {
  const ex = extract(root);
  if (isTextControl(root) || !(root instanceof HTMLElement)) return ex;
  const visible = squash(root.innerText || '');
  if (squash(ex.text) === visible) return ex;
  const rendered = extract(root, true);
  if (squash(rendered.text) === visible) return rendered;
  return { text: (root.innerText || '').replace(/\n$/, ''), segments: [] };
}

/**
 * A DOM position for a text offset. At a boundary between segments, `preferEnd` picks the end of
 * the earlier Text node (for range ends) rather than the start of the later one (range starts).
 * @param {Extract} ex
 * @param {number} offset
 * @param {boolean} preferEnd
 * @returns {{node: Node, offset: number} | null}
 */
export function locate(ex, offset, preferEnd) {
  const segs = ex.segments;
  /** @type {Segment | null} */
  let before = null;
  /** @type {Segment | null} */
  let after = null;
  for (const s of segs) {
    if (!s.text) continue;
    if (s.start < offset && offset < s.end) return { node: s.node, offset: offset - s.start };
    if (s.end <= offset) before = s;
    if (s.start >= offset && !after) { after = s; break; }
  }
  if (preferEnd) {
    if (before && before.end === offset) return { node: before.node, offset: before.end - before.start };
    if (after) return { node: after.node, offset: 0 };
    if (before) return { node: before.node, offset: before.end - before.start };
  } else {
    if (after && after.start === offset) return { node: after.node, offset: 0 };
    if (before) return { node: before.node, offset: before.end - before.start };
    if (after) return { node: after.node, offset: 0 };
  }
  return null;
}

/**
 * A live DOM Range over [start, end) of the extracted text, or null.
 * @param {Extract} ex
 * @param {number} start
 * @param {number} end
 */
export function rangeFor(ex, start, end) {
  const a = locate(ex, start, false);
  const b = locate(ex, end, true);
  if (!a || !b) return null;
  const range = new Range();
  try {
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
  } catch {
    return null;
  }
  return range;
}

/**
 * The text offset of a DOM position inside the editor, or -1.
 * @param {Extract} ex
 * @param {Node} node
 * @param {number} offset
 */
export function offsetOf(ex, node, offset) {
  // A Text node's own segment first: the "\n" before a block is keyed to the block's first node.
  for (const s of ex.segments) {
    if (s.node === node && s.text) return s.start + Math.min(offset, s.end - s.start);
  }
  for (const s of ex.segments) {
    if (s.node === node) return s.start;
  }
  // An element position: find the first segment at or after the child at `offset`.
  if (node.nodeType === Node.ELEMENT_NODE) {
    const child = node.childNodes[offset];
    const inChild = (/** @type {Segment} */ s) => !!child && (child === s.node || child.contains(s.node));
    const first = ex.segments.find((s) => s.text && inChild(s)) || ex.segments.find(inChild);
    if (first) return first.start;
    for (let i = ex.segments.length - 1; i >= 0; i--) {
      const s = ex.segments[i];
      if (node.contains(s.node)) return s.end;
    }
  }
  return -1;
}
