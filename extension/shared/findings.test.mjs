// node --test extension/content/findings.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupFindings, editsInOrder, editSpan } from './findings.js';

const text = 'Visited Mrs Brodie at 14 Glenview Crescent, G51 4TF, about her meds. Gutted, she was a nightmare';
/** @param {string} word @param {object} over */
function finding(word, over) {
  const start = text.indexOf(word);
  return {
    rule: 'r', category: 'confidentiality', severity: 'warn', start, end: start + word.length,
    title: 'T', message: 'm', why: 'why', instead: 'instead', guidance: 'Sharing information', code: [], ...over,
  };
}

test('findings of one kind are one group quoting each word found', () => {
  const address = { title: 'An address alongside details of someone\'s care', why: 'An address pins a post', suggestion: '' };
  const groups = groupFindings([
    finding('G51 4TF', { ...address, rule: 'confidentiality.postcode' }),
    finding('14 Glenview Crescent', { ...address, rule: 'confidentiality.address' }),
    finding('Mrs Brodie', { title: 'A name alongside details of someone\'s care' }),
  ], text);
  assert.equal(groups.length, 2);
  assert.deepEqual(groups.map((g) => g.title), ['A name alongside details of someone\'s care', address.title]);
  assert.deepEqual(groups[1].words, ['14 Glenview Crescent', 'G51 4TF']);
  assert.equal(groups[1].why, 'An address pins a post');
  assert.equal(groups[1].findings.length, 2);
});

test('warnings come before cautions; a word found twice is quoted once', () => {
  const groups = groupFindings([
    finding('nightmare', { title: 'C', severity: 'caution' }),
    finding('Mrs Brodie', { title: 'W' }),
    { ...finding('Mrs Brodie', { title: 'W' }) },
  ], text);
  assert.deepEqual(groups.map((g) => [g.title, g.severity, g.words]), [['W', 'warn', ['Mrs Brodie']], ['C', 'caution', ['nightmare']]]);
});

test('edits run from the end of the draft, keep the widest of overlapping spans, skip findings without a rewrite', () => {
  const a = finding('14 Glenview Crescent, G51 4TF', { suggestion: '' });
  const b = finding('G51 4TF', { suggestion: '' });
  const c = finding('Mrs Brodie', { suggestion: 'a resident' });
  const d = finding('nightmare', {});
  assert.deepEqual(editsInOrder([c, b, a, d]), [a, c]);
  assert.deepEqual(editsInOrder([d]), []);
});

test('removing words takes one space beside them with them', () => {
  /** @param {string} draft @param {string} word */
  const remove = (draft, word) => {
    const start = draft.indexOf(word);
    const span = editSpan(draft, { start, end: start + word.length, suggestion: '' });
    return draft.slice(0, span.start) + draft.slice(span.end);
  };
  assert.equal(remove('at 14 Glenview Crescent G51 4TF if', '14 Glenview Crescent'), 'at G51 4TF if');
  assert.equal(remove('Glenview Crescent, G51 4TF today', 'G51 4TF'), 'Glenview Crescent, today');
  assert.equal(remove('the number is 1938', '1938'), 'the number is');
  assert.equal(remove('Mrs Brodie (CHI 2103752341) missed', '2103752341'), 'Mrs Brodie (CHI) missed');
  assert.equal(remove('1938 is the code', '1938'), 'is the code');
  assert.equal(remove('code:1938.', '1938'), 'code:.');
  const start = 'Visited Mrs Brodie today'.indexOf('Mrs Brodie');
  assert.deepEqual(editSpan('Visited Mrs Brodie today', { start, end: start + 10, suggestion: 'a person I support' }), { start, end: start + 10 },
    'a rewrite replaces exactly the words');
});
