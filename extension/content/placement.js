// @ts-check
/**
 * Where the warning card goes: next to the words it explains, inside the viewport, and never over
 * those words (nor, where there is room, over any other underlined words).
 */

/**
 * @typedef {{left: number, top: number, right: number, bottom: number}} Box
 */

const MARGIN = 8;
const GAP = 6;

/** @param {Box[]} boxes @returns {Box} */
function union(boxes) {
  return {
    left: Math.min(...boxes.map((b) => b.left)),
    top: Math.min(...boxes.map((b) => b.top)),
    right: Math.max(...boxes.map((b) => b.right)),
    bottom: Math.max(...boxes.map((b) => b.bottom)),
  };
}

/** @param {Box} a @param {Box} b */
function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** @param {number} v @param {number} lo @param {number} hi */
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

/**
 * @param {object} o
 * @param {number} o.width   The card's width.
 * @param {number} o.height  The card's natural height (its content, unclipped).
 * @param {Box[]} o.words    The rectangles of the words the card explains (one per line); empty
 *                           when they are out of sight (then `fallback` anchors the card).
 * @param {Box[]} [o.avoid]  Other underlined words, kept clear where there is room.
 * @param {Box | null} [o.fallback]  The compose box, when the words have no rectangles.
 * @param {number} o.vw
 * @param {number} o.vh
 * @returns {{left: number, top: number, maxHeight: number}}
 */
export function placeCard({ width, height, words, avoid = [], fallback = null, vw, vh }) {
  const w = Math.min(width, vw - 2 * MARGIN);
  const anchor = words.length ? union(words) : fallback;
  if (!anchor) return { left: Math.max(MARGIN, vw - w - 16), top: 16, maxHeight: vh - 32 };
  const keepClear = [...words, ...avoid];
  const alignLeft = clamp(anchor.left, MARGIN, vw - w - MARGIN);
  const alignTop = (h) => clamp(anchor.top, MARGIN, vh - h - MARGIN);
  // Each spot with the room it has for the card's height, in order of preference.
  /** @typedef {{left: number, top: number, room: number, side?: number}} Spot */
  /** @type {Spot} */
  const below = { left: alignLeft, top: anchor.bottom + GAP, room: vh - MARGIN - (anchor.bottom + GAP) };
  /** @type {Spot} */
  const above = { left: alignLeft, top: anchor.top - GAP - height, room: anchor.top - GAP - MARGIN };
  // Below the underlines that follow the words in the card's column (the draft's next lines):
  // better than a spot beside the words, which would hide the rest of their line.
  const column = { left: alignLeft, right: alignLeft + w };
  const following = avoid.filter((r) => r.top >= anchor.bottom && r.left < column.right && column.left < r.right);
  const afterTop = following.length ? Math.max(...following.map((r) => r.bottom)) + GAP : 0;
  /** @type {Spot[]} */
  const spots = [
    below,
    ...(following.length ? [{ left: alignLeft, top: afterTop, room: vh - MARGIN - afterTop }] : []),
    above,
    { left: anchor.right + GAP, top: alignTop(height), room: vh - 2 * MARGIN, side: vw - MARGIN - anchor.right - GAP },
    { left: anchor.left - GAP - w, top: alignTop(height), room: vh - 2 * MARGIN, side: anchor.left - GAP - MARGIN },
  ];
  /** @param {Spot} s */
  const fits = (s) => s.room >= height && (s.side === undefined || s.side >= w);
  /** @param {Spot} s */
  const box = (s) => ({ left: s.left, top: s.top, right: s.left + w, bottom: s.top + height });
  const clear = spots.find((s) => fits(s) && !keepClear.some((r) => overlaps(box(s), r)));
  const chosen = clear || spots.find((s) => fits(s) && !words.some((r) => overlaps(box(s), r)));
  if (chosen) {
    // Should the card grow (its "Why" opened) before it is placed again, it scrolls inside rather
    // than spill past the window's bottom edge or, placed above, over the words.
    const top = Math.round(chosen.top);
    const limit = chosen === above ? anchor.top - GAP - top : vh - MARGIN - top;
    return { left: Math.round(chosen.left), top, maxHeight: Math.floor(limit) };
  }
  // No spot holds the whole card: take the larger of below and above and let the card scroll.
  if (below.room >= above.room) return { left: Math.round(below.left), top: Math.round(below.top), maxHeight: Math.floor(Math.max(below.room, 0)) };
  return { left: Math.round(above.left), top: MARGIN, maxHeight: Math.floor(Math.max(above.room, 0)) };
}
