// @ts-check
/**
 * Whether a checked draft's Post, Send or Enter waits for the review dialog: for an open warning;
 * for the photo question until the worker answers it; and, in a conversation with someone on the
 * watch-list, once a day unless the worker turned that off there.
 */
import { RECIPIENT_RULE, today } from './conversations.js';

/**
 * @param {import('./watcher.js').EditorState} state
 * @param {import('./conversations.js').Conversations} conversations
 */
export function holds(state, conversations) {
  const warn = state.openWarn();
  if (warn.some((f) => f.rule !== RECIPIENT_RULE)) return true;
  if (state.prompts.length && state.answered !== state.contextKey) return true;
  // Only the conversation itself is left to ask about, and only when something is being sent.
  if (!warn.length || (!state.text.trim() && !state.attachments.length)) return false;
  const memory = conversations.peek(state);
  return !memory || (!memory.off && memory.reviewed !== today());
}
