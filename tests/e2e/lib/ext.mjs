// Helpers that read the extension's UI through its documented test contract:
// <postcare-ui> (open shadow root) holding [data-postcare="badge"|"card"|
// "review"|"mark"], and CSS.highlights 'postcare-warn' / 'postcare-caution'.
import { waitFor, sleep } from './page.mjs';

// Must-warn drafts use validated CHI numbers (the engine's most stable
// warn rule); `keysafe` and `fall` are the brief's other examples.
export const DRAFTS = {
  chi: 'CHI 1904851231 for the resident in room 4',
  chi2: 'Mrs Brodie (CHI 2103752341) missed her meds again',
  keysafe: 'Keysafe for Mr Paterson at 9 Dundonald Rd is 1938',
  fall: 'Margaret Tulloch in room 12 at Seaforth House has had another fall',
  benign: 'Tattie soup on the go, fire on, rain battering the windows.',
};
// A substring of each risky draft that a finding must underline.
export const RISKY_TOKENS = ['1904851231', '2103752341', '9 Dundonald Rd', 'Dundonald', 'Paterson', '1938', 'Margaret Tulloch', 'Tulloch', 'Seaforth House'];

export const REVIEW = '[data-postcare="review"][role="alertdialog"]';
export const CARD = '[data-postcare="card"]';
export const BADGE = '[data-postcare="badge"]';

export async function waitReady(page, timeout = 10000) {
  await page.waitForFunction(() => {
    const host = document.querySelector('postcare-ui');
    return !!host && host.getAttribute('data-postcare-ready') === '1' && !!host.shadowRoot;
  }, null, { timeout });
}

export const badge = (page) => page.evaluate(() => {
  const host = document.querySelector('postcare-ui');
  const b = host && host.shadowRoot && host.shadowRoot.querySelector('[data-postcare="badge"]');
  if (!b) return null;
  return {
    count: Number(b.getAttribute('data-count')),
    warn: Number(b.getAttribute('data-warn-count')),
    hidden: b.hidden || getComputedStyle(b).display === 'none',
    status: b.getAttribute('data-status') || '',
  };
});

export async function waitWarn(page, { min = 1, timeout = 5000 } = {}) {
  return waitFor(async () => {
    const b = await badge(page);
    return b && b.warn >= min ? b : false;
  }, { timeout, message: `badge data-warn-count >= ${min}` });
}

export async function waitNoWarn(page, { timeout = 5000 } = {}) {
  return waitFor(async () => {
    const b = await badge(page);
    return b && b.warn === 0 ? b : false;
  }, { timeout, message: 'badge data-warn-count = 0' });
}

// Waits until the badge has not changed for `quiet` ms; returns it.
export async function settle(page, { quiet = 500, timeout = 5000 } = {}) {
  const end = Date.now() + timeout;
  let last = JSON.stringify(await badge(page));
  let since = Date.now();
  while (Date.now() < end) {
    await sleep(50);
    const now = JSON.stringify(await badge(page));
    if (now !== last) { last = now; since = Date.now(); } else if (Date.now() - since >= quiet) break;
  }
  return JSON.parse(last);
}

// The badge stays at zero for `ms` (a benign draft).
export async function assertQuiet(page, ms = 900) {
  const end = Date.now() + ms;
  const seen = [];
  while (Date.now() < end) {
    const b = await badge(page);
    if (b && (b.count !== 0 || b.warn !== 0)) seen.push(b);
    await sleep(50);
  }
  return seen;
}

export const reviewOpen = (page) => page.evaluate((sel) => {
  const host = document.querySelector('postcare-ui');
  const d = host && host.shadowRoot && host.shadowRoot.querySelector(sel);
  if (!d) return false;
  const r = d.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}, REVIEW);

export async function waitReview(page, timeout = 4000) {
  await waitFor(() => reviewOpen(page), { timeout, message: 'review dialog [role=alertdialog]' });
  return page.locator(REVIEW);
}

export async function clickReviewButton(page, name) {
  await page.locator(REVIEW).getByRole('button', { name, exact: true }).click();
}

export const cardOpen = (page) => page.evaluate((sel) => {
  const host = document.querySelector('postcare-ui');
  const c = host && host.shadowRoot && host.shadowRoot.querySelector(sel);
  if (!c) return null;
  const r = c.getBoundingClientRect();
  if (!(r.width > 0 && r.height > 0)) return null;
  return {
    text: c.textContent,
    rule: c.getAttribute('data-rule'),
    severity: c.getAttribute('data-severity'),
    buttons: [...c.querySelectorAll('button')].map((b) => b.textContent.trim()),
  };
}, CARD);

// Viewport rect of `token` inside the editor, computed by the test itself
// (a Range over the editor's text nodes, or a mirror for textareas).
export const tokenRect = (page, editorSel, token) => page.evaluate(([sel, tok]) => {
  // The fixture's own editor when the selector does not reach it (an editor in a shadow root).
  const el = document.querySelector(sel) || (window.__editorElement && window.__editorElement());
  if (!el) return null;
  const pick = (rects) => {
    const list = [...rects].filter((r) => r.width > 0 && r.height > 0);
    if (!list.length) return null;
    const r = list[0];
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, left: r.left, top: r.top, width: r.width, height: r.height };
  };
  if (el.tagName === 'TEXTAREA') {
    const i = el.value.indexOf(tok);
    if (i < 0) return null;
    const cs = getComputedStyle(el);
    const m = document.createElement('div');
    for (const p of ['boxSizing', 'width', 'borderTopWidth', 'borderLeftWidth', 'borderRightWidth', 'borderBottomWidth', 'borderStyle',
      'paddingTop', 'paddingLeft', 'paddingRight', 'paddingBottom', 'fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'wordSpacing', 'tabSize']) m.style[p] = cs[p];
    const box = el.getBoundingClientRect();
    Object.assign(m.style, { position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, visibility: 'hidden', whiteSpace: 'pre-wrap', overflowWrap: 'break-word' });
    const t = document.createTextNode(el.value);
    m.append(t);
    document.body.append(m);
    const r = document.createRange();
    r.setStart(t, i); r.setEnd(t, i + tok.length);
    const out = pick(r.getClientRects());
    m.remove();
    if (!out) return null;
    // Scroll the token into the textarea's view, as a reader would.
    const rel = out.top - box.top;
    if (rel - el.scrollTop < 0 || rel - el.scrollTop + out.height > el.clientHeight) {
      el.scrollTop = Math.max(0, rel - 10);
    }
    out.y -= el.scrollTop;
    out.top -= el.scrollTop;
    return out;
  }
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.nodeValue; }
  const i = text.indexOf(tok);
  if (i < 0) return null;
  const at = (off) => {
    for (let k = nodes.length - 1; k >= 0; k--) if (nodes[k][1] <= off) return [nodes[k][0], off - nodes[k][1]];
    return [nodes[0][0], 0];
  };
  const r = document.createRange();
  const [sn, so] = at(i);
  const [en, eo] = at(i + tok.length - 1);
  r.setStart(sn, so); r.setEnd(en, eo + 1);
  return pick(r.getClientRects());
}, [editorSel, token]);

// Opens the warning card over `token` by hovering it (then clicking it if
// hover did not open it). Returns the card summary or null.
export async function openCardOn(page, editorSel, token) {
  const rect = await tokenRect(page, editorSel, token);
  if (!rect) return null;
  await sleep(150);
  await page.mouse.move(rect.x - 40, rect.y - 60);
  await page.mouse.move(rect.x, rect.y, { steps: 4 });
  try {
    return await waitFor(() => cardOpen(page), { timeout: 1500, message: 'card on hover' });
  } catch { /* try a click */ }
  await page.mouse.click(rect.x, rect.y);
  try {
    return await waitFor(() => cardOpen(page), { timeout: 1500, message: 'card on click' });
  } catch { return null; }
}

// Evaluates an expression in the extension's isolated world of `page`
// (content scripts' own globals, e.g. their view of CSS.highlights).
export async function isolatedEval(context, page, expression) {
  const cdp = await context.newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await sleep(50);
  const iso = contexts.filter((c) => c.auxData && c.auxData.type === 'isolated' && /^chrome-extension:/.test(c.origin || ''));
  const mainFrame = contexts.find((c) => c.auxData && c.auxData.isDefault);
  const target = iso.find((c) => !mainFrame || c.auxData.frameId === mainFrame.auxData.frameId) || iso[0];
  if (!target) { await cdp.detach(); return { ok: false, reason: 'no isolated world' }; }
  const r = await cdp.send('Runtime.evaluate', { expression, contextId: target.id, returnByValue: true, awaitPromise: true });
  await cdp.detach();
  if (r.exceptionDetails) return { ok: false, reason: r.exceptionDetails.text + ' ' + (r.exceptionDetails.exception && r.exceptionDetails.exception.description) };
  return { ok: true, value: r.result.value };
}

const HIGHLIGHT_EXPR = `(() => {
  if (!globalThis.CSS || !CSS.highlights) return { supported: false };
  const read = (name) => { const h = CSS.highlights.get(name); return h ? [...h].map((r) => r.toString()) : []; };
  return { supported: true, warn: read('postcare-warn'), caution: read('postcare-caution') };
})()`;

// The underlined texts, read from the main world if it shares the registry,
// otherwise from the content script's isolated world.
export async function highlights(context, page) {
  const main = await page.evaluate(HIGHLIGHT_EXPR);
  if (main.supported && (main.warn.length || main.caution.length)) return { world: 'main', ...main };
  const iso = await isolatedEval(context, page, HIGHLIGHT_EXPR);
  if (iso.ok) return { world: 'isolated', ...iso.value };
  return { world: 'none', reason: iso.reason, warn: [], caution: [] };
}

export const marks = (page) => page.evaluate(() => {
  const host = document.querySelector('postcare-ui');
  if (!host || !host.shadowRoot) return [];
  return [...host.shadowRoot.querySelectorAll('[data-postcare="mark"]')].map((m) => {
    const r = m.getBoundingClientRect();
    return { severity: m.getAttribute('data-severity'), x: r.left, y: r.top, w: r.width, h: r.height };
  });
});

export const foreignEditorNodes = (page, editorSel) => page.evaluate((sel) => {
  const el = document.querySelector(sel) || (window.__editorElement && window.__editorElement());
  const inside = el ? [...el.querySelectorAll('*')].filter((e) => e.tagName.includes('-') || e.tagName === 'MARK' ||
    [...e.attributes].some((a) => /postcare/i.test(a.name + a.value))).map((e) => e.outerHTML.slice(0, 120)) : [];
  return { recorded: window.__foreignEditorNodes || [], present: inside };
}, editorSel);

// CSP violations on the page other than the fixture's own inline-script canary.
export const cspViolations = (page) => page.evaluate(() => {
  const all = (window.__cspViolations || []).slice();
  const canary = all.findIndex((v) => v.directive === 'script-src-elem' && v.blocked === 'inline');
  if (canary >= 0) all.splice(canary, 1);
  return all;
});

// Stops the extension's service worker via CDP ServiceWorker.stopAllWorkers
// and resolves once CDP reports it 'stopped'. Returns a tracker whose
// .status() is the worker's latest runningStatus (it may restart at once
// when a content script reconnects) and .detach().
export async function stopWorker(context, page, { timeout = 5000 } = {}) {
  const cdp = await context.newCDPSession(page);
  let status = 'unknown';
  const history = [];
  let onStopped;
  const stopped = new Promise((r) => { onStopped = r; });
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) {
      if (!/^chrome-extension:/.test(v.scriptURL)) continue;
      status = v.runningStatus;
      history.push([Date.now(), status]);
      if (status === 'stopped') onStopped();
    }
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const ok = await Promise.race([stopped.then(() => true), sleep(timeout).then(() => false)]);
  return { ok, status: () => status, history, detach: () => cdp.detach().catch(() => {}) };
}
