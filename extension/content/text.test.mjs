// Unit tests for reading an editor's text and locating offsets in it, on a small stand-in for
// the DOM (only what text.js touches: node types, children, siblings, tag names, Text data,
// isContentEditable, innerText and checkVisibility). The browser suite covers real editors.
import { test } from 'node:test';
import assert from 'node:assert/strict';

class FakeNode {
  constructor(nodeType) {
    this.nodeType = nodeType;
    /** @type {FakeNode[]} */
    this.childNodes = [];
    /** @type {FakeNode | null} */
    this.parentNode = null;
  }
  get firstChild() { return this.childNodes[0] || null; }
  get nextSibling() {
    const siblings = this.parentNode ? this.parentNode.childNodes : [];
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  get parentElement() { return this.parentNode instanceof FakeElement ? this.parentNode : null; }
  contains(node) {
    for (let n = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }
}
class FakeText extends FakeNode {
  constructor(data) { super(3); this.data = data; this.nodeValue = data; }
}
class FakeElement extends FakeNode {
  constructor(tag, attrs, children) {
    super(1);
    this.tagName = tag.toUpperCase();
    this.attrs = attrs;
    for (const c of children) {
      const node = typeof c === 'string' ? new FakeText(c) : c;
      node.parentNode = this;
      this.childNodes.push(node);
    }
  }
  get isContentEditable() {
    if (this.attrs.contenteditable !== undefined) return this.attrs.contenteditable !== 'false';
    return this.parentElement ? this.parentElement.isContentEditable : false;
  }
  checkVisibility() {
    for (let n = this; n; n = n.parentElement) if (n.attrs.hidden) return false;
    return true;
  }
  get innerText() { return this.attrs.innerText ?? ''; }
}
class FakeTextArea extends FakeElement {
  constructor(value) { super('textarea', {}, []); this.value = value; }
}
globalThis.Node = /** @type {any} */ ({ TEXT_NODE: 3, ELEMENT_NODE: 1 });
globalThis.HTMLElement = /** @type {any} */ (FakeElement);
globalThis.HTMLTextAreaElement = /** @type {any} */ (FakeTextArea);
globalThis.HTMLInputElement = /** @type {any} */ (class {});

const { extract, locate, offsetOf, readDraft } = await import('./text.js');

/** @param {string} tag @param {Record<string, any> | (string | FakeNode)} [attrs] @param {(string | FakeNode)[]} children */
const h = (tag, attrs = {}, ...children) => (typeof attrs === 'string' || attrs instanceof FakeNode
  ? new FakeElement(tag, {}, [attrs, ...children])
  : new FakeElement(tag, attrs, children));
const editor = (...blocks) => h('div', { contenteditable: 'true' }, ...blocks);

test('a textarea reads as its value, with no segments', () => {
  assert.deepEqual(extract(new FakeTextArea('CHI 1904851231\nok')), { text: 'CHI 1904851231\nok', segments: [] });
});

test('paragraphs are one line each; inline elements run together', () => {
  const root = editor(h('p', 'Mrs ', h('strong', 'Brodie'), ' fell'), h('p', 'again'));
  assert.equal(extract(root).text, 'Mrs Brodie fell\nagain');
});

test('a <br> is a newline, but not the placeholder <br> editors leave at the end of a line', () => {
  assert.equal(extract(editor(h('p', 'one', h('br'), 'two'))).text, 'one\ntwo');
  assert.equal(extract(editor(h('p', 'one', h('br')), h('p', h('br')), h('p', 'three'))).text, 'one\nthree');
  assert.equal(extract(editor(h('p', h('br')))).text, '');
});

test('nested blocks (Draft.js) and skipped tags', () => {
  const root = editor(h('div', { 'data-contents': 'true' },
    h('div', { 'data-block': 'true' }, h('div', h('span', h('span', 'first')))),
    h('div', { 'data-block': 'true' }, h('div', h('span', h('span', 'second')), h('style', 'p{}')))));
  assert.equal(extract(root).text, 'first\nsecond');
});

test('typing that lands outside the editor\'s own nodes is read too', () => {
  const root = editor('CHI 1904851231 ok', h('div', { 'data-contents': 'true' }, h('div', h('span', h('span')))));
  assert.equal(extract(root).text, 'CHI 1904851231 ok');
});

test('segments map every text offset back to its node', () => {
  const root = editor(h('p', 'ab', h('em', 'cd')), h('p', 'ef'));
  const ex = extract(root);
  assert.equal(ex.text, 'abcd\nef');
  const [ab, cd, ef] = [root.childNodes[0].childNodes[0], root.childNodes[0].childNodes[1].childNodes[0], root.childNodes[1].childNodes[0]];
  assert.deepEqual(locate(ex, 1, false), { node: ab, offset: 1 });
  // At a boundary, a range start goes to the later node and a range end to the earlier one.
  assert.deepEqual(locate(ex, 2, false), { node: cd, offset: 0 });
  assert.deepEqual(locate(ex, 2, true), { node: ab, offset: 2 });
  assert.deepEqual(locate(ex, 5, false), { node: ef, offset: 0 });
  assert.deepEqual(locate(ex, 7, true), { node: ef, offset: 2 });
  assert.equal(offsetOf(ex, cd, 1), 3);
  assert.equal(offsetOf(ex, ef, 2), 7);
  assert.equal(offsetOf(ex, root.childNodes[1], 0), 5, 'an element position');
  assert.equal(offsetOf(ex, h('p', 'elsewhere'), 0), -1);
});

test('readDraft keeps the walk when it matches the visible text, whatever the whitespace', () => {
  const root = editor(h('p', 'one'), h('p', 'two'));
  root.attrs.innerText = 'one\n\ntwo\n';
  const ex = readDraft(root);
  assert.equal(ex.text, 'one\ntwo');
  assert.equal(ex.segments.length, 3);
});

test('readDraft skips hidden nodes when the visible text says so', () => {
  const root = editor(h('p', 'Call Tam', h('span', { hidden: true }, ' (draft autosave)')));
  root.attrs.innerText = 'Call Tam';
  assert.equal(readDraft(root).text, 'Call Tam');
});

test('readDraft falls back to the visible text when the walk reads something else', () => {
  const root = editor(h('p', ''));
  root.attrs.innerText = 'CHI 1904851231\n';
  assert.deepEqual(readDraft(root), { text: 'CHI 1904851231', segments: [] });
});
