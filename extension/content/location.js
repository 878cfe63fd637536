// @ts-check
/**
 * The place a post is tagged with: the site's location tag or check-in, read from where the site
 * adapter says its composer shows it (`Site.location`), for compose boxes the adapter marks as a
 * post's (`Composer.located`). With a photo attached, a care setting there makes the photo a
 * finding, as words in the post would.
 *
 * The place travels only inside the check request to the extension's own worker: it is never
 * stored.
 */

/** Longest place passed on. */
const MAX_PLACE = 200;

/**
 * The place in one element: an input's value, or the text after the tag's marker.
 * @param {Element} el
 * @param {import('../shared/sites.js').LocationTag} tag
 */
function placeIn(el, tag) {
  let text = el instanceof HTMLInputElement ? el.value : el.textContent || '';
  text = text.replace(/\s+/g, ' ');
  if (tag.marker) {
    const at = text.lastIndexOf(tag.marker);
    if (at < 0) return '';
    // Up to the full stop that ends the line ("… is at Sunnyside Care Home.").
    text = text.slice(at + tag.marker.length).split(/\.(?:\s|$)/)[0];
  }
  return text.trim().slice(0, MAX_PLACE);
}

/**
 * The place a post's compose box is tagged with, or null when the box is not a post's or no place
 * is chosen.
 * @param {import('../shared/sites.js').Site} site
 * @param {import('../shared/sites.js').Composer} composer
 * @param {Element} box
 * @returns {string | null}
 */
export function locationFor(site, composer, box) {
  if (!composer.located) return null;
  const scope = box.closest('[role="dialog"]') || box.ownerDocument || document;
  for (const tag of site.location || []) {
    let found = '';
    try {
      for (const el of scope.querySelectorAll(tag.selector)) {
        const place = placeIn(el, tag);
        // The innermost element holding the place says it with the least around it.
        if (place && (!found || place.length < found.length)) found = place;
      }
    } catch {
      continue; // A selector this browser does not support.
    }
    if (found) return found;
  }
  return null;
}
