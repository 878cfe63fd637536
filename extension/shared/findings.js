// @ts-check
/**
 * Pure helpers over a draft's findings: grouped by kind (the review dialog, the popup's "Check a
 * draft") and the edits "Apply suggestion" and "Make it safe" make.
 */

/** @typedef {import('./messages.js').Finding} Finding */

/**
 * @typedef {object} Group
 * @property {string} title      What was found, as the engine words it.
 * @property {'warn'|'caution'} severity
 * @property {string} guidance   The guidance section it rests on.
 * @property {string} why
 * @property {string} instead
 * @property {string[]} words    The words found in the draft, each once, in the draft's order.
 * @property {Finding[]} findings
 */

/**
 * Groups findings by kind (title and severity), so a draft with an address and a postcode reads
 * as one "address" entry quoting both, with one why and one what-to-do. Warnings come first, then
 * groups in the order they first appear in the draft.
 * @param {Finding[]} findings
 * @param {string} text  The text the findings' spans point into.
 * @returns {Group[]}
 */
export function groupFindings(findings, text) {
  /** @type {Map<string, Group>} */
  const groups = new Map();
  const ordered = [...findings].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const f of ordered) {
    const key = `${f.severity}\u0000${f.title}`;
    let g = groups.get(key);
    if (!g) {
      g = { title: f.title, severity: f.severity, guidance: f.guidance, why: f.why, instead: f.instead, words: [], findings: [] };
      groups.set(key, g);
    }
    g.findings.push(f);
    const word = text.slice(f.start, f.end).replace(/\s+/g, ' ').trim();
    if (word && !g.words.includes(word)) g.words.push(word);
  }
  const all = [...groups.values()];
  return [...all.filter((g) => g.severity === 'warn'), ...all.filter((g) => g.severity !== 'warn')];
}

/**
 * The span a suggestion replaces. Where the words are removed, one space beside them goes too, so
 * "at 14 Glenview Crescent G51 4TF" becomes "at G51 4TF", not "at  G51 4TF".
 * @param {string} text
 * @param {Finding} f
 * @returns {{start: number, end: number}}
 */
export function editSpan(text, f) {
  let { start, end } = f;
  if (f.suggestion === '') {
    const spaceBefore = start > 0 && text[start - 1] === ' ';
    if (text[end] === ' ' && (start === 0 || /\s/.test(text[start - 1]))) end += 1;
    else if (spaceBefore && (end === text.length || /[\s.,;:!?)\]]/.test(text[end]))) start -= 1;
  }
  return { start, end };
}

/** True when a finding carries a rewrite ("" means remove the words). @param {Finding} f */
export function hasSuggestion(f) {
  return typeof f.suggestion === 'string';
}

/**
 * The suggestions "Make it safe" applies, last in the draft first, so each edit leaves the spans
 * before it where they were. Where spans overlap, the widest is kept (it covers the others).
 * @param {Finding[]} findings
 * @returns {Finding[]}
 */
export function editsInOrder(findings) {
  /** @type {Finding[]} */
  const chosen = [];
  const widestFirst = findings.filter(hasSuggestion).sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  for (const f of widestFirst) {
    if (chosen.some((c) => f.start < c.end && c.start < f.end)) continue;
    chosen.push(f);
  }
  return chosen.sort((a, b) => b.start - a.start);
}
