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
 * The recipients of a message box, or null when the box is not a message box.
 * @param {import('../shared/sites.js').Site} site
 * @param {import('../shared/sites.js').Composer} composer
 * @param {ParentNode} [root]
 * @returns {string[] | null}
 */
export function recipientsFor(site, composer, root = document) {
  if (!composer.message) return null;
  for (const header of site.conversation || []) {
    let el = null;
    try {
      el = root.querySelector(header.selector);
    } catch {
      continue; // A selector this browser does not support.
    }
    if (!el) continue;
    let name = (header.attribute ? el.getAttribute(header.attribute) : el.textContent) || '';
    if (header.prefix && name.startsWith(header.prefix)) name = name.slice(header.prefix.length);
    name = name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
    if (name) return [name];
  }
  return [];
}
