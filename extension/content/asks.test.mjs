import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holds } from './asks.js';
import { RECIPIENT_RULE, today } from './conversations.js';

const finding = (rule, severity = 'warn') => ({ rule, severity });
/** A checked draft as the guard sees it. */
const draft = ({ warn = [], prompts = [], answered = '', text = 'hello', attachments = [] } = {}) => ({
  openWarn: () => warn.map((r) => finding(r)),
  prompts: prompts.map((id) => ({ id, title: '', message: '' })),
  answered,
  contextKey: 'ctx',
  text,
  attachments,
});
const memory = (m) => ({ peek: () => (m ? { id: 'x', dismissed: false, reviewed: '', off: false, ...m } : null) });

test('a warning about the words always holds', () => {
  assert.equal(holds(draft({ warn: ['confidentiality.chi-number'] }), memory({ off: true })), true);
  assert.equal(holds(draft({ warn: [RECIPIENT_RULE, 'boundaries.x'] }), memory({ reviewed: today() })), true);
});

test('the photo question holds until answered for what is attached', () => {
  assert.equal(holds(draft({ prompts: ['photo-check'] }), memory(null)), true);
  assert.equal(holds(draft({ prompts: ['photo-check'], answered: 'ctx' }), memory(null)), false);
  assert.equal(holds(draft({ prompts: ['photo-check'], answered: 'older' }), memory(null)), true);
});

test('a watched conversation holds once a day, unless turned off, and only when something is sent', () => {
  const watched = { warn: [RECIPIENT_RULE] };
  assert.equal(holds(draft(watched), memory(null)), true, 'not yet read: held');
  assert.equal(holds(draft(watched), memory({ reviewed: '2000-01-01' })), true, 'asked on another day');
  assert.equal(holds(draft(watched), memory({ reviewed: today() })), false, 'asked today');
  assert.equal(holds(draft(watched), memory({ off: true })), false, 'turned off');
  assert.equal(holds(draft({ ...watched, text: ' ' }), memory(null)), false, 'nothing to send');
  assert.equal(holds(draft({ ...watched, text: '', attachments: [{ kind: 'image' }] }), memory({ reviewed: '2000-01-01' })), true, 'a photo alone');
});

test('nothing to ask: not held', () => {
  assert.equal(holds(draft(), memory(null)), false);
});
