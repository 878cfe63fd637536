import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mask } from './mask.js';

test('each word keeps its first letter, the rest are dots', () => {
  assert.equal(mask('Agnes Kelly'), 'A•••• K••••');
  assert.equal(mask('Seaforth House'), 'S••••••• H••••');
});

test('one-letter words still hide their length', () => {
  assert.equal(mask('J'), 'J•');
  assert.equal(mask('Mr J Smith'), 'M• J• S••••');
});

test('spacing is kept; non-Latin letters and emoji count as one character each', () => {
  assert.equal(mask('Mòrag  Niñez'), 'M••••  N••••');
  assert.equal(mask('Zoë 😀'), 'Z•• 😀•');
  assert.equal(mask(''), '');
});
