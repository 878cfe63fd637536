// @ts-check
/**
 * Small helpers for building the extension's own UI (inside its shadow root). Text is only ever
 * set with textContent on nodes just created, or as Text node data, and values are written only
 * when they change: updating in place never touches the page's undo history (see layer.js).
 */

/**
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {string} [text]
 */
export function el(tag, attrs = {}, text) {
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
export function textEl(tag, attrs = {}) {
  const node = el(tag, attrs);
  const text = document.createTextNode('');
  node.append(text);
  return { node, text };
}

/** Sets a Text node's data only when it changes. @param {Text} node @param {string} value */
export function setText(node, value) {
  if (node.data !== value) node.data = value;
}

/** Sets an attribute only when it changes. @param {Element} node @param {string} name @param {string} value */
export function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/**
 * A type="button" button with a label.
 * @param {Record<string, string>} attrs
 * @param {string} label
 */
export function button(attrs, label) {
  return el('button', { type: 'button', ...attrs }, label);
}
