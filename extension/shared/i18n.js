// @ts-check
/** UI strings come from _locales/<lang>/messages.json through chrome.i18n. */

/**
 * @param {string} key
 * @param {string | string[]} [subs]
 */
export function t(key, subs) {
  try {
    const s = chrome.i18n.getMessage(key, subs);
    if (s) return s;
  } catch {
    // Context gone: fall through.
  }
  return key;
}

/** Fills every [data-i18n] element's text, and [data-i18n-<attr>] attributes, under `root`. */
export function localize(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.getAttribute('data-i18n') || '');
  }
  for (const attr of ['aria-label', 'placeholder', 'title']) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`) || ''));
    }
  }
  const lang = t('@@ui_locale');
  if (lang && lang !== '@@ui_locale' && root instanceof Document) root.documentElement.lang = lang.replace('_', '-');
}
