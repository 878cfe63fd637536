// @ts-check
/**
 * Suggestion editing: replaces a finding's span with its suggestion through the editor's own
 * input path, so the editor's model (Lexical, Draft.js, ProseMirror, Quill, React state) stays in
 * step. The only place the extension changes a draft, and only when the worker asks: one finding
 * at a time from the card (Apply suggestion), or all of them from the review dialog (Make it safe).
 */
import { readDraft, rangeFor } from './text.js';
import { editsInOrder, editSpan } from '../shared/findings.js';

/** @typedef {import('./watcher.js').EditorState} EditorState */
/** @typedef {import('../shared/messages.js').Finding} Finding */

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Replaces [start, end) of the editor's text with `replacement`, as the editor's own edit.
 * @param {EditorState} state
 * @param {number} start
 * @param {number} end
 * @param {string} replacement
 * @returns {Promise<boolean>} whether the editor's text changed
 */
async function replaceSpan(state, start, end, replacement) {
  const el = state.el;
  const before = readDraft(el);
  // Editors that render asynchronously (React) show an edit a little later.
  const changed = async () => {
    for (let i = 0; i < 20 && readDraft(el).text === before.text; i++) await sleep(10);
    return readDraft(el).text !== before.text;
  };
  if (state.textarea) {
    const ta = /** @type {HTMLTextAreaElement} */ (el);
    ta.focus({ preventScroll: true });
    ta.setRangeText(replacement, start, end, 'end');
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: replacement }));
    return changed();
  }
  const range = rangeFor(before, start, end);
  if (!range) return false;
  el.focus({ preventScroll: true });
  const sel = document.getSelection();
  if (!sel) return false;
  sel.removeAllRanges();
  sel.addRange(range);
  // Let the editor see the selectionchange and sync its own selection first.
  await sleep(20);
  const now = document.getSelection();
  if (!now || !now.rangeCount) return false;
  if (replacement === '') document.execCommand('delete', false);
  else document.execCommand('insertText', false, replacement);
  // execCommand's answer says nothing here: Firefox answers false when the editor took the edit
  // itself from the beforeinput event. Only an editor whose text did not change gets the same
  // edit again, as a beforeinput event it handles.
  if (await changed()) return true;
  el.dispatchEvent(new InputEvent('beforeinput', {
    bubbles: true, cancelable: true, composed: true,
    inputType: replacement === '' ? 'deleteContentBackward' : 'insertReplacementText', data: replacement,
  }));
  return changed();
}

/**
 * Apply suggestion: one finding's suggestion.
 * @param {EditorState} state
 * @param {Finding} finding
 * @returns {Promise<boolean>} false when the draft changed since the check (nothing was edited)
 */
export async function applySuggestion(state, finding) {
  try {
    if (readDraft(state.el).text !== state.text) return false;
    const span = editSpan(state.text, finding);
    return await replaceSpan(state, span.start, span.end, finding.suggestion ?? '');
  } catch {
    // Leave the text as it is.
    return false;
  }
}

/**
 * Make it safe: every open finding's suggestion, last in the draft first, so each edit leaves the
 * spans before it where they were. Stops at the first edit the editor does not take, or as soon as
 * the text before the next span is no longer what was checked.
 * @param {EditorState} state  Checked: its findings belong to its current text.
 * @returns {Promise<number>} how many suggestions went in
 */
export async function applyAll(state) {
  const checked = state.text;
  let applied = 0;
  try {
    for (const f of editsInOrder(state.open())) {
      const now = readDraft(state.el).text;
      if (now.slice(0, f.end) !== checked.slice(0, f.end)) break;
      const span = editSpan(now, f);
      if (!(await replaceSpan(state, span.start, span.end, f.suggestion ?? ''))) break;
      applied++;
    }
  } catch {
    // Keep what went in.
  }
  return applied;
}
