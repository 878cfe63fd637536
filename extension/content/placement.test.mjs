// node --test extension/content/placement.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeCard } from './placement.js';

const vw = 1100;
const vh = 800;
/** @param {number} left @param {number} top @param {number} width @param {number} [height] */
const rect = (left, top, width, height = 20) => ({ left, top, right: left + width, bottom: top + height });
const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
/** The card's box as placed: its height is the smaller of its content and its max-height. */
const boxOf = (p, width, height) => ({ left: p.left, top: p.top, right: p.left + width, bottom: p.top + Math.min(height, p.maxHeight) });
const inside = (b) => b.left >= 0 && b.top >= 0 && b.right <= vw && b.bottom <= vh;

test('goes below the words when there is room', () => {
  const word = rect(300, 100, 80);
  const p = placeCard({ width: 360, height: 260, words: [word], vw, vh });
  assert.equal(p.top, 126);
  assert.equal(p.left, 300);
  assert.ok(inside(boxOf(p, 360, 260)));
});

test('never covers the words: near the bottom of the screen it goes above', () => {
  const word = rect(300, 700, 80);
  const p = placeCard({ width: 360, height: 260, words: [word], vw, vh });
  const b = boxOf(p, 360, 260);
  assert.ok(!overlaps(b, word) && inside(b), JSON.stringify(p));
  assert.ok(b.bottom <= word.top);
});

test('keeps other underlined words clear when it can (the draft\'s next line)', () => {
  const word = rect(300, 100, 80);
  const nextLine = rect(250, 140, 200);
  const p = placeCard({ width: 360, height: 260, words: [word], avoid: [nextLine], vw, vh });
  const b = boxOf(p, 360, 260);
  assert.ok(!overlaps(b, word) && !overlaps(b, nextLine) && inside(b), JSON.stringify(p));
});

test('a word that wraps over two lines is kept clear on both', () => {
  const words = [rect(900, 300, 180), rect(20, 322, 60)];
  const p = placeCard({ width: 360, height: 260, words, vw, vh });
  const b = boxOf(p, 360, 260);
  assert.ok(words.every((w) => !overlaps(b, w)) && inside(b), JSON.stringify(p));
});

test('a card taller than any room is never cut off: it scrolls within the larger room', () => {
  const word = rect(300, 380, 80);
  const p = placeCard({ width: 360, height: 900, words: [word], vw, vh });
  const b = boxOf(p, 360, 900);
  assert.ok(inside(b) && !overlaps(b, word), JSON.stringify(p));
  assert.ok(p.maxHeight >= 380);
});

test('narrow screens: the card stays inside the viewport', () => {
  const word = rect(280, 100, 30);
  const p = placeCard({ width: 360, height: 200, words: [word], vw: 320, vh: 640 });
  assert.ok(p.left >= 8 && p.left + Math.min(360, 320 - 16) <= 320 - 8 + 0.5, JSON.stringify(p));
});

test('a card that grows before it is placed again stays inside the window and off the words', () => {
  for (const word of [rect(300, 100, 80), rect(300, 700, 80), rect(20, 380, 40)]) {
    const p = placeCard({ width: 360, height: 260, words: [word], vw, vh });
    const grown = boxOf(p, 360, 2000);
    assert.ok(inside(grown) && !overlaps(grown, word), `${JSON.stringify(word)} -> ${JSON.stringify(p)}`);
  }
});
