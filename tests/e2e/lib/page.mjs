// Page-level helpers: open a fixture surface, type with real key events,
// read the editor's model/DOM text and the fixture's publish log.
import { surfaceById } from '../fixtures/surfaces.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(fn, { timeout = 5000, interval = 25, message = 'condition' } = {}) {
  const start = Date.now();
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) { last = e; }
    if (Date.now() - start > timeout) {
      const detail = last instanceof Error ? `: ${last.message}` : (last === undefined ? '' : ` (last: ${JSON.stringify(last)})`);
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${detail}`);
    }
    await sleep(interval);
  }
}

export async function openSurface(context, surfaceOrId, { query = '', page = null, focus = true, url = null } = {}) {
  const s = typeof surfaceOrId === 'string' ? surfaceById(surfaceOrId) : surfaceOrId;
  const p = page || await context.newPage();
  p.setDefaultTimeout(8000);
  const target = url || s.url;
  const u = new URL(target);
  if (query) u.search = query;
  await p.goto(u.toString(), { waitUntil: 'load' });
  await p.waitForFunction(() => window.__fixtureReady === true, null, { timeout: 10000 });
  if (s.open) await p.locator(s.open).click();
  const editor = p.locator(s.editor).first();
  await editor.waitFor({ state: 'visible', timeout: 10000 });
  await p.waitForFunction(() => typeof window.__modelText === 'function', null, { timeout: 10000 });
  if (focus) await focusEditor(p, s);
  return p;
}

export async function focusEditor(page, s) {
  const editor = page.locator(s.editor).first();
  await editor.click();
  await page.waitForFunction((sel) => {
    // The fixture's own editor element (it may sit in a shadow root), and the focused element
    // through shadow roots.
    const el = window.__editorElement ? window.__editorElement() : document.querySelector(sel);
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return !!el && !!a && (a === el || el.contains(a));
  }, s.editor, { timeout: 5000 });
}

// Types text with real key events. Newlines become Shift+Enter in composers
// where Enter sends, Enter elsewhere.
export async function typeText(page, s, text, { delay = 0 } = {}) {
  const parts = text.split('\n');
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) await page.keyboard.press(s.enter === 'send' ? 'Shift+Enter' : 'Enter');
    if (parts[i]) await page.keyboard.type(parts[i], { delay });
  }
}

export const modelText = (page) => page.evaluate(() => window.__modelText());
export const domText = (page) => page.evaluate(() => window.__domText());
export const posts = (page) => page.evaluate(() => window.__posts.slice());
export const activeIsEditor = (page, s) => page.evaluate((sel) => {
  const el = window.__editorElement ? window.__editorElement() : document.querySelector(sel);
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return !!el && !!a && (a === el || el.contains(a));
}, s.editor);

export async function pressPublishKey(page, s) {
  if (s.enter === 'send') await page.keyboard.press('Enter');
  else if (s.enter === 'mod-send') await page.keyboard.press('Control+Enter');
  else throw new Error(`${s.id} has no publish key`);
}

export async function clickPublish(page, s) {
  await page.locator(s.publish).first().click();
}

/** Shows `name` in the fixture's conversation header (through a locator: it pierces shadow roots). */
export const showPartner = (page, s, name) => page.locator(s.partner.selector).first().evaluate((el, [p, n]) => {
  if (p.attribute) el.setAttribute(p.attribute, `${p.prefix || ''}${n}`);
  if (!p.attribute || el.textContent.trim() === p.name) el.textContent = n;
}, [s.partner, name]);

/** Attaches the JPEG to the focused box: pasted, dropped, or through a file input beside it. */
export const attachToFocused = (page, how, bytes) => page.evaluate(([how, bytes]) => {
  let editor = document.activeElement;
  while (editor && editor.shadowRoot && editor.shadowRoot.activeElement) editor = editor.shadowRoot.activeElement;
  const data = new DataTransfer();
  data.items.add(new File([new Uint8Array(bytes)], 'photo.jpg', { type: 'image/jpeg' }));
  if (how === 'input') {
    const input = document.createElement('input');
    input.type = 'file';
    editor.parentElement.append(input);
    input.files = data.files;
    // As a browser does when files are chosen: input (composed), then change.
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  } else if (how === 'paste') {
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
  } else {
    editor.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
  }
}, [how, bytes]);

/**
 * Tags the fixture's post with a place as the site shows a chosen location: a check-in line in the
 * composer ("… is at <place>."), or the value of its location field.
 */
export async function tagPlace(page, s, place) {
  const el = page.locator(s.place.selector).first();
  if (!s.place.line) return el.fill(place);
  return el.evaluate((node, [line, name]) => {
    const strong = document.createElement('strong');
    strong.textContent = name;
    node.replaceChildren(line, strong, '.');
  }, [s.place.line, place]);
}
