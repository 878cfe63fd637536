// @ts-check
/**
 * Suggestion editing: replaces a finding's span with its suggestion through the editor's own
 * input path, so the editor's model (Lexical, Draft.js, ProseMirror, Quill, React state) stays in
 * step. The only place the extension changes a draft, and only when the worker asks.
 */
import { readDraft, rangeFor } from './text.js';

/**
 * @param {import('./watcher.js').EditorState} state
 * @param {import('../shared/messages.js').Finding} finding
 * @returns {Promise<boolean>} false when the draft changed since the check (nothing was edited)
 */
export async function applySuggestion(state, finding) {
  const replacement = finding.suggestion ?? '';
  const el = state.el;
  try {
    const ex = readDraft(el);
    if (ex.text !== state.text) return false;
    if (state.textarea) {
      const ta = /** @type {HTMLTextAreaElement} */ (el);
      ta.focus({ preventScroll: true });
      ta.setRangeText(replacement, finding.start, finding.end, 'end');
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: replacement }));
      return true;
    }
    const range = rangeFor(ex, finding.start, finding.end);
    if (!range) return false;
    el.focus({ preventScroll: true });
    const sel = document.getSelection();
    if (!sel) return false;
    sel.removeAllRanges();
    sel.addRange(range);
    // Let the editor see the selectionchange and sync its own selection first.
    await new Promise((r) => setTimeout(r, 20));
    const now = document.getSelection();
    if (!now || !now.rangeCount) return false;
    const done = replacement === ''
      ? document.execCommand('delete', false)
      : document.execCommand('insertText', false, replacement);
    if (!done) {
      // Editors that refuse execCommand get the same edit as a beforeinput they handle.
      el.dispatchEvent(new InputEvent('beforeinput', {
        bubbles: true, cancelable: true, composed: true,
        inputType: replacement === '' ? 'deleteContentBackward' : 'insertReplacementText', data: replacement,
      }));
    }
    return true;
  } catch {
    // Leave the text as it is.
    return false;
  }
}
