// @ts-check
/**
 * Site adapters, as data: where each supported site keeps its compose boxes (posts, comments,
 * messages, and the alt text or description of an attached photo) and its publish or send
 * controls, what Enter does in each compose box, where a message conversation shows who it is
 * with, and where a post's composer shows the place the worker tagged it with.
 *
 * Gathered from public sources (extension and automation code, Bluesky's open-source app).
 * aria-labels are English UI text and change with the user's language, so roles, data-testid /
 * data-e2e / data-lexical-editor attributes and custom-element names come first, and every site
 * also gets the generic compose-box fallback at the end of its list.
 *
 * This list is the one place sites are named: the build writes the manifest's host permissions and
 * content-script matches, and the managed-settings schema's site ids, from it
 * (scripts/extension-manifest.mjs); the service worker, the content script and the options page
 * import it. Adding a host here is all it takes to inject on it.
 */

/**
 * @typedef {object} Composer
 * @property {string} selector  CSS selector the editor root (textarea or contenteditable root) matches.
 * @property {string} [host]    When set, the editor lives in the shadow root of an element matching this.
 * @property {boolean} [enterSends]      Plain Enter (no Shift) sends or publishes.
 * @property {boolean} [ctrlEnterSends]  Ctrl/Cmd+Enter publishes.
 * @property {boolean} [generic]  The generic adapter (a box no site adapter claims).
 * @property {boolean} [message]  A private or direct message box: its recipient is read from the
 *   site's conversation header (see content/conversation.js).
 * @property {boolean} [located]  A post's box: the place the worker tagged the post with is read
 *   from the site's location tag (`Site.location`, see content/location.js).
 *
 * @typedef {object} ConversationHeader  Where a message conversation shows who it is with.
 * @property {string} selector   The element holding the display name or the group chat's name,
 *   looked for in the message box's own tree first, then outwards through the shadow roots that
 *   hold it, then the document.
 * @property {string} [attribute]  Read this attribute rather than the element's text.
 * @property {string} [prefix]     Text before the name to drop ("Messages in conversation with ").
 *
 * @typedef {object} LocationTag  Where a post's composer shows the place chosen for it (a check-in).
 * @property {string} selector  The element holding the place, looked for in the compose box's dialog
 *   (or the document when the box is in none).
 * @property {string} [marker]  The words before the place in the element's text (" is at "): the
 *   place is what follows the last of them, up to a closing full stop; elements without them are
 *   passed over.
 *   An input's value is read rather than its text.
 *
 * @typedef {object} PublishControl
 * @property {string} selector
 * @property {string[]} [text]  When set, the control's trimmed text must be one of these.
 *
 * @typedef {object} Site
 * @property {string} id
 * @property {string} name
 * @property {string[]} hosts
 * @property {Composer[]} composers  First match wins.
 * @property {PublishControl[]} publish
 * @property {ConversationHeader[]} [conversation]  First match wins.
 * @property {LocationTag[]} [location]  First match wins.
 */

/**
 * Any plain compose box: the last resort on every site, including sites the worker adds, for boxes
 * no site adapter claims (sites change their markup every month). Ctrl/Cmd+Enter is held in them,
 * and plain Enter where the box is single-line (see the watcher's composerFor), and the nearest
 * submit-like button ({@link submitLike}).
 */
export const GENERIC_COMPOSERS = /** @type {Composer[]} */ ([
  { selector: '[contenteditable="true"][role="textbox"], [contenteditable=""][role="textbox"], [contenteditable="plaintext-only"]', generic: true },
  { selector: '[contenteditable="true"], [contenteditable=""]', generic: true },
  { selector: 'textarea', generic: true },
]);

/** Labels of buttons that publish, for boxes only the generic adapter knows. */
const SUBMIT_WORDS = /^(post|send|reply|comment|publish|tweet|share|submit|save|done|update)$/i;

/**
 * True for a control that looks like it publishes: a submit button, or a button labelled Post,
 * Send, Reply, Comment and so on.
 * @param {Element} node
 */
export function submitLike(node) {
  if (!node.matches('button, input[type="submit"], [role="button"]')) return false;
  if (node.matches('button[type="submit"], input[type="submit"]')) return true;
  const label = (node.getAttribute('aria-label') || node.textContent || '').trim();
  return SUBMIT_WORDS.test(label);
}

/** Publish controls for sites the worker adds (Mastodon and other forms). */
export const GENERIC_PUBLISH = /** @type {PublishControl[]} */ ([
  { selector: 'form button[type="submit"], form input[type="submit"]' },
  { selector: '.compose-form__publish-button-wrapper button, .compose-form__publish button' },
]);

/** @type {Site[]} */
export const SITES = [
  {
    id: 'facebook',
    name: 'Facebook',
    hosts: ['www.facebook.com'],
    composers: [
      // Comments and replies: plain Enter submits.
      { selector: '[data-lexical-editor="true"][aria-label^="Comment as"], [data-lexical-editor="true"][aria-label^="Reply to"], [data-lexical-editor="true"][aria-label^="Write a comment"], [data-lexical-editor="true"][aria-label^="Write a reply"]', enterSends: true },
      // Messenger chat heads inside Facebook.
      { selector: '[role="textbox"][contenteditable="true"][aria-label="Message"], [role="textbox"][contenteditable="true"][aria-label^="Message"]', enterSends: true, message: true },
      // The post composer (Create post dialog): Enter is a new line.
      { selector: '[role="dialog"] [role="textbox"][contenteditable="true"][data-lexical-editor="true"]', located: true },
      { selector: '[role="textbox"][contenteditable="true"][data-lexical-editor="true"]' },
    ],
    publish: [
      { selector: 'div[role="button"][aria-label="Post"], [role="dialog"] [role="button"][aria-label="Post"]' },
      { selector: '#focused-state-composer-submit [role="button"], #focused-state-composer-submit' },
      { selector: 'div[role="button"][aria-label="Comment"], div[role="button"][aria-label="Reply"]' },
      { selector: '[aria-label="Press enter to send"], [aria-label="Press Enter to send"]' },
    ],
    conversation: [
      // A chat head: a dialog labelled with the conversation's name.
      { selector: '[role="dialog"][aria-label^="Chat with "]', attribute: 'aria-label', prefix: 'Chat with ' },
      // Messenger inside Facebook (/messages/t/…), as on messenger.com.
      { selector: '[role="main"][aria-label^="Conversation with "], [role="main"] [aria-label^="Conversation with "]', attribute: 'aria-label', prefix: 'Conversation with ' },
      { selector: '[role="main"] [aria-label^="Messages in conversation with "]', attribute: 'aria-label', prefix: 'Messages in conversation with ' },
    ],
    location: [
      // A check-in shows in the Create post dialog's author line: "Alex Morgan is at Sunnyside
      // Care Home." (or "— at …" after a feeling), the place in bold.
      { selector: '[role="dialog"] span:has(> strong), [role="dialog"] div:has(> strong)', marker: ' is at ' },
      { selector: '[role="dialog"] span:has(> strong), [role="dialog"] div:has(> strong)', marker: ' — at ' },
    ],
  },
  {
    id: 'messenger',
    name: 'Messenger',
    hosts: ['www.messenger.com'],
    composers: [
      { selector: '[role="textbox"][contenteditable="true"]', enterSends: true, message: true },
    ],
    publish: [
      { selector: '[aria-label="Press enter to send"], [aria-label="Press Enter to send"]' },
    ],
    conversation: [
      { selector: '[role="main"][aria-label^="Conversation with "], [role="main"] [aria-label^="Conversation with "]', attribute: 'aria-label', prefix: 'Conversation with ' },
      { selector: '[role="main"] [aria-label^="Messages in conversation with "]', attribute: 'aria-label', prefix: 'Messages in conversation with ' },
      { selector: '[role="main"] h1, [role="main"] h2' },
    ],
  },
  {
    id: 'x',
    name: 'X',
    hosts: ['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com'],
    composers: [
      // Direct messages: Draft.js (the test id on the editor or around it), or the newer chat's textarea.
      { selector: '[data-testid="dmComposerTextInput"][contenteditable="true"], [data-testid="dmComposerTextInput"] [contenteditable="true"], textarea[data-testid="dm-composer-textarea"]', enterSends: true, message: true },
      { selector: '[data-testid^="tweetTextarea_"][contenteditable="true"], [data-testid^="tweetTextarea_"] [contenteditable="true"]', ctrlEnterSends: true },
      // A photo's description (alt text), in the media editor; its Save is the nearest submit-like button.
      { selector: '[data-testid="altTextInput"]' },
      { selector: '.public-DraftEditor-content[contenteditable="true"]', ctrlEnterSends: true },
    ],
    publish: [
      { selector: 'button[data-testid="tweetButton"], button[data-testid="tweetButtonInline"], [data-testid="tweetButton"], [data-testid="tweetButtonInline"]' },
      { selector: '[data-testid="dmComposerSendButton"], [data-testid="dm-composer-send-button"]' },
    ],
    conversation: [
      { selector: '[data-testid="DM_Conversation_Header"] h2, [data-testid="DM_Conversation_Header_compact"] h2' },
      { selector: '[data-testid="DmActivityContainer"] h2' },
    ],
  },
  {
    id: 'instagram',
    name: 'Instagram',
    hosts: ['www.instagram.com'],
    composers: [
      // Comments: a textarea in a form; Enter submits.
      { selector: 'form textarea', enterSends: true },
      // Direct messages (Lexical); Enter sends.
      { selector: '[role="textbox"][contenteditable="true"][aria-label="Message"], [role="textbox"][contenteditable="true"][aria-label^="Message"]', enterSends: true, message: true },
      // Captions in the new-post dialog; Enter is a new line.
      { selector: '[role="dialog"] [role="textbox"][contenteditable="true"]', located: true },
      // Alt text for each photo (the new-post dialog's accessibility settings).
      { selector: '[role="dialog"] input[placeholder^="Write alt text"], [role="dialog"] textarea[placeholder^="Write alt text"]' },
    ],
    publish: [
      { selector: 'form button[type="submit"]' },
      { selector: 'div[role="button"], button', text: ['Post', 'Send', 'Share'] },
    ],
    conversation: [
      { selector: '[aria-label^="Messages in conversation with "]', attribute: 'aria-label', prefix: 'Messages in conversation with ' },
      { selector: '[aria-label^="Conversation with "]', attribute: 'aria-label', prefix: 'Conversation with ' },
    ],
    location: [
      // The new-post dialog's "Add location" field, below the caption: what is typed or chosen.
      { selector: '[role="dialog"] input[placeholder="Add location"], [role="dialog"] input[name="creation-location-input"]' },
    ],
  },
  {
    id: 'linkedin',
    name: 'LinkedIn',
    hosts: ['www.linkedin.com'],
    composers: [
      { selector: '.msg-form__contenteditable[contenteditable="true"], .msg-form__contenteditable [contenteditable="true"]', enterSends: true, message: true },
      { selector: '.share-creation-state__text-editor .ql-editor[contenteditable="true"], [data-test-modal-id="sharebox"] .ql-editor[contenteditable="true"]' },
      { selector: 'div[data-view-name="comment-box"] .ProseMirror[contenteditable="true"]' },
      { selector: '.comments-comment-box__form .ql-editor[contenteditable="true"], .ql-editor[contenteditable="true"]' },
    ],
    publish: [
      { selector: 'button.share-actions__primary-action' },
      { selector: 'button[data-view-name="comment-post"], button[data-view-name="comment-reply-post"]' },
      { selector: 'button.comments-comment-box__submit-button--cr, button.comments-comment-box__submit-button' },
      { selector: 'button.msg-form__send-button' },
    ],
    conversation: [
      { selector: '.msg-entity-lockup__entity-title, .msg-thread__link-to-profile .msg-entity-lockup__entity-title' },
      { selector: '.msg-overlay-bubble-header__title, h2.msg-overlay-bubble-header__title' },
    ],
  },
  {
    id: 'whatsapp',
    name: 'WhatsApp Web',
    hosts: ['web.whatsapp.com'],
    composers: [
      { selector: 'footer [role="textbox"][contenteditable="true"], [role="textbox"][contenteditable="true"][data-lexical-editor="true"], [role="textbox"][contenteditable="true"][data-tab="10"]', enterSends: true, message: true },
    ],
    publish: [
      { selector: 'button[aria-label="Send"], [data-testid="send"], [data-icon="send"], [data-icon="wds-ic-send-filled"]' },
    ],
    conversation: [
      // The open chat's header: its name in a span's title (a contact or a group).
      { selector: '#main header span[title]', attribute: 'title' },
      { selector: '#main header [data-testid="conversation-info-header-chat-title"], #main header span[dir="auto"]' },
    ],
  },
  {
    id: 'youtube',
    name: 'YouTube',
    hosts: ['www.youtube.com', 'm.youtube.com'],
    composers: [
      { selector: '#contenteditable-root[contenteditable="true"], #contenteditable-root[contenteditable="plaintext-only"]' },
    ],
    publish: [
      { selector: 'ytd-commentbox #submit-button button, ytd-commentbox #submit-button, #submit-button button[aria-label="Comment"], #submit-button button[aria-label="Reply"]' },
    ],
  },
  {
    id: 'reddit',
    name: 'Reddit',
    hosts: ['www.reddit.com', 'sh.reddit.com'],
    composers: [
      { selector: 'shreddit-composer [contenteditable="true"], [contenteditable="true"][data-lexical-editor="true"]' },
      // Markdown mode: a textarea inside shreddit-markdown-composer's shadow root.
      { host: 'shreddit-markdown-composer', selector: 'textarea' },
      // Chat (/chat/room/…): a textarea in rs-message-composer's shadow root, inside the room's.
      { host: 'rs-message-composer, rs-message-composer-old', selector: 'textarea[name="message"]', enterSends: true, message: true },
    ],
    publish: [
      { selector: 'shreddit-composer button[type="submit"], shreddit-composer [slot="submit-button"], comment-composer-host button[type="submit"]' },
      { selector: 'form:has(textarea[name="message"]) button[type="submit"], button[aria-label="Send message"]' },
    ],
    conversation: [
      // The room's header, in the room's shadow root (a direct chat shows the other person).
      { selector: 'rs-room-header [slot="title"], header h2, header [role="heading"]' },
    ],
  },
  {
    id: 'old-reddit',
    name: 'Old Reddit',
    hosts: ['old.reddit.com'],
    composers: [
      { selector: 'form.usertext textarea[name="text"], .usertext-edit textarea' },
    ],
    publish: [
      { selector: 'form.usertext button.save, form.usertext button[type="submit"], .usertext-buttons button[type="submit"]' },
    ],
  },
  {
    id: 'tiktok',
    name: 'TikTok',
    hosts: ['www.tiktok.com'],
    composers: [
      { selector: '[data-e2e="comment-input"] [contenteditable="true"]', enterSends: true },
      { selector: '[data-e2e="message-input-area"] [contenteditable="true"]', enterSends: true, message: true },
    ],
    publish: [
      { selector: '[data-e2e="comment-post"], [data-e2e="message-send"]' },
    ],
    conversation: [
      { selector: '[data-e2e="chat-nickname"], [data-e2e="chat-uniqueid"]' },
    ],
  },
  {
    id: 'threads',
    name: 'Threads',
    hosts: ['www.threads.net', 'www.threads.com', 'threads.net', 'threads.com'],
    composers: [
      { selector: '[role="textbox"][contenteditable="true"][data-lexical-editor="true"]', ctrlEnterSends: true },
    ],
    publish: [
      { selector: 'div[role="button"], button', text: ['Post', 'Reply'] },
    ],
  },
  {
    id: 'bluesky',
    name: 'Bluesky',
    hosts: ['bsky.app'],
    composers: [
      { selector: '.ProseMirror[contenteditable="true"]', ctrlEnterSends: true },
      // Alt text for a photo ("Add alt text" dialog; its Save is the nearest submit-like button).
      { selector: 'textarea[aria-label="Alt text"]' },
      // Chat (/messages/…): a plain autosizing textarea; Enter sends.
      { selector: 'textarea[placeholder="Write a message"], textarea[dirname]', enterSends: true, message: true },
    ],
    publish: [
      { selector: '[data-testid="composerPublishBtn"]' },
      { selector: '[role="button"][aria-label="Send message"], button[aria-label="Send message"]' },
    ],
    conversation: [
      // The chat's header: the profile link beside the "Chat settings" menu, display name first.
      { selector: 'div:has(> div > [aria-label="Chat settings"]) > a[href^="/profile/"] [dir="auto"]' },
    ],
  },
];

/** The site adapter for a host name, or null when the site is not built in. */
export function siteForHost(hostname) {
  const host = hostname.toLowerCase();
  return SITES.find((s) => s.hosts.includes(host)) || null;
}

/** An adapter for a site the worker added in the options page. */
export function customSite(hostname) {
  return /** @type {Site} */ ({ id: 'custom:' + hostname, name: hostname, hosts: [hostname], composers: [], publish: GENERIC_PUBLISH });
}
