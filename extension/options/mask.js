// @ts-check
/** "Agnes Kelly" -> "A•••• K••••": a watch-list name shown without showing it. @param {string} name */
export function mask(name) {
  return name.split(/(\s+)/).map((w) => (/^\s+$/.test(w) || !w ? w : [...w][0] + '•'.repeat(Math.max([...w].length - 1, 1)))).join('');
}
