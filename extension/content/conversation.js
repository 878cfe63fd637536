// @ts-check
/**
 * Who a private message goes to: the conversation's display name (or a group chat's name), read
 * from the conversation header the site adapter names (`Site.conversation`), for compose boxes
 * the adapter marks as message boxes (`Composer.message`).
 *
 * The name travels only inside the check request to the extension's own worker, which matches it
 * against the watch-list: it is never stored.
 */

/** Longest name passed on: headers sometimes hold a whole status line. */
const MAX_NAME = 120;

/**
 * The trees to look in for a message box's conversation header: the box's own (a shadow root, when
 * the site builds its chat from web components), then each shadow root holding that one, then the
 * document.
 * @param {Node} box
 */
function rootsOf(box) {
  /** @type {(Document | ShadowRoot)[]} */
  const roots = [];
  let root = box.getRootNode();
  while (root instanceof ShadowRoot) {
    roots.push(root);
    root = root.host.getRootNode();
  }
  roots.push(box.ownerDocument || document);
  return roots;
}

/**
 * The recipients of a message box, or null when the box is not a message box.
 * @param {import('../shared/sites.js').Site} site
 * @param {import('../shared/sites.js').Composer} composer
 * @param {Node} box  The message box.
 * @returns {string[] | null}
 */
export function recipientsFor(site, composer, box) {
  if (!composer.message) return null;
  for (const header of site.conversation || []) {
    let el = null;
    for (const root of rootsOf(box)) {
      try {
        el = root.querySelector(header.selector);
      } catch {
        break; // A selector this browser does not support.
      }
      if (el) break;
    }
    if (!el) continue;
    let name = (header.attribute ? el.getAttribute(header.attribute) : el.textContent) || '';
    if (header.prefix && name.startsWith(header.prefix)) name = name.slice(header.prefix.length);
    name = name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
    if (name) return [name];
  }
  return [];
}
