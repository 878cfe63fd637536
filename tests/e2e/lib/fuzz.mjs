// Seeded random editing sessions (typing, deleting, Enter, undo/redo,
// caret moves, selections, paste) replayed identically with and without
// the extension.
import { openSurface, modelText, domText, sleep } from './page.mjs';

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['the ', 'care ', 'CHI 1904851231 ', 'room 4 ', 'Mrs Brodie ', 'tea, ', 'ok. ', 'café ', 'Straße ', 'a', 'b', ' ', '1', '2', '😊 ', 'résumé '];
const PASTES = ['Pasted note: CHI 2103752341.', 'tattie soup', 'line one\nline two', ' — dash, “quotes” & <b>tags</b> ', '9 Dundonald Rd'];

// Returns [{kind:'type'|'key'|'paste', value}] whose keystroke count is `total`.
export function makeSession(seed, total = 500) {
  const rnd = mulberry32(seed);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const ops = [];
  let n = 0;
  while (n < total) {
    const r = rnd();
    if (r < 0.46) {
      let w = pick(WORDS);
      const chars = [...w];
      if (n + chars.length > total) w = chars.slice(0, total - n).join('');
      ops.push({ kind: 'type', value: w });
      n += [...w].length;
      continue;
    }
    let op;
    if (r < 0.60) op = { kind: 'key', value: 'Backspace' };
    else if (r < 0.65) op = { kind: 'key', value: 'Delete' };
    else if (r < 0.73) op = { kind: 'key', value: pick(['ArrowLeft', 'ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown']) };
    else if (r < 0.76) op = { kind: 'key', value: pick(['Home', 'End']) };
    else if (r < 0.79) op = { kind: 'key', value: pick(['Shift+ArrowLeft', 'Shift+ArrowRight', 'Shift+Home']) };
    else if (r < 0.86) op = { kind: 'key', value: 'Enter' };
    else if (r < 0.93) op = { kind: 'key', value: 'Control+z' };
    else if (r < 0.95) op = { kind: 'key', value: 'Control+Shift+z' };
    else op = { kind: 'paste', value: pick(PASTES) };
    ops.push(op);
    n += 1;
  }
  return ops;
}

export const sessionKeystrokes = (ops) => ops.reduce((k, o) => k + (o.kind === 'type' ? [...o.value].length : 1), 0);

const editorSnapshot = (page, sel) => page.evaluate((s) => {
  const el = document.querySelector(s);
  if (!el) return null;
  if (el.tagName === 'TEXTAREA') return { value: el.value, html: '' };
  const clone = el.cloneNode(true);
  for (const e of clone.querySelectorAll('[data-offset-key]')) e.removeAttribute('data-offset-key');
  for (const e of clone.querySelectorAll('[data-editor]')) e.removeAttribute('data-editor');
  return { value: null, html: clone.innerHTML };
}, sel);

// Runs a session on a fresh page; returns the editor's final state.
export async function runSession(h, s, ops, { badgeProbe = null, trace = null, settleMs = 5 } = {}) {
  const page = await openSurface(h.context, s, { query: 'fuzz=1' });
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  let maxWarn = 0;
  let i = 0;
  // Let the editor process each keystroke (selectionchange, microtasks,
  // timers) before the next, as a human's typing would: otherwise the
  // editors' own results depend on timing even without any extension.
  // (Quill syncs its selection 1 ms after selectionchange.)
  const settle = () => page.evaluate((ms) => new Promise((r) => setTimeout(() => setTimeout(r, 0), ms)), settleMs);
  for (const op of ops) {
    if (op.kind === 'type') {
      for (const ch of op.value) { await page.keyboard.type(ch); await settle(); }
      continue;
    }
    await settle();
    if (op.kind === 'key') await page.keyboard.press(op.value);
    else {
      await page.evaluate((t) => navigator.clipboard.writeText(t), op.value);
      await page.keyboard.press('Control+v');
    }
    await settle();
    if (trace) trace.push(JSON.stringify(op) + ' => ' + JSON.stringify(await modelText(page)));
    if (badgeProbe && ++i % 20 === 0) {
      const b = await badgeProbe(page);
      if (b && b.warn > maxWarn) maxWarn = b.warn;
    }
  }
  await sleep(600);
  if (badgeProbe) {
    const b = await badgeProbe(page);
    if (b && b.warn > maxWarn) maxWarn = b.warn;
  }
  const out = {
    model: await modelText(page),
    dom: await domText(page),
    snapshot: await editorSnapshot(page, s.editor),
    posts: await page.evaluate(() => window.__posts.slice()),
    errors: await page.evaluate(() => window.__editorErrors.slice()),
    foreign: await page.evaluate(() => window.__foreignEditorNodes.slice()),
    maxWarn,
  };
  await page.close();
  return out;
}
