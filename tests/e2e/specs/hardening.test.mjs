// Issue 6 §3-§5: rendering safety, privacy proofs (storage dumps, manifest
// permissions, no network), and fail-open (worker stopped mid-typing, wasm
// that fails to load, a content script whose messaging throws).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, manifestOf, DIST_CHROME, DIST_FIREFOX } from '../lib/harness.mjs';
import { openSurface, focusEditor, typeText, clickPublish, posts, modelText, waitFor, sleep } from '../lib/page.mjs';
import {
  DRAFTS, waitReady, waitWarn, settle, badge, openCardOn, waitReview, reviewOpen, clickReviewButton, stopWorker,
} from '../lib/ext.mjs';
import { msg } from '../lib/a11y.mjs';
import { surfaceById, surfaces } from '../fixtures/surfaces.mjs';
import { hostPatterns } from '../../../scripts/extension-manifest.mjs';

const T = { timeout: 60000 };
const PAYLOADS = [
  '<img src=x onerror="document.title=\'pwned-img\'">',
  '</style><script>document.title=\'pwned-script\'</script>',
  '<a href="javascript:document.title=\'pwned-link\'">link</a>',
  '<svg onload="document.title=\'pwned-svg\'">',
];
const PAYLOAD_DRAFT = `CHI 1904851231 ${PAYLOADS.join(' ')} for <b>Mrs Brodie</b> (CHI 2103752341)`;

// Inspects a shadow root or document for anything a payload could have created.
const LIVE_MARKUP = (root) => {
  const bad = [];
  for (const e of root.querySelectorAll('*')) {
    const tag = e.tagName.toLowerCase();
    if (['img', 'script', 'iframe', 'object', 'embed', 'svg', 'b'].includes(tag) && /pwned|x/.test(e.outerHTML) && !e.closest('[data-e2e-allowed]')) bad.push(e.outerHTML.slice(0, 100));
    for (const a of e.attributes) {
      if (/^on/i.test(a.name)) bad.push(`${tag}[${a.name}]`);
      if (/^\s*javascript:/i.test(a.value)) bad.push(`${tag}[${a.name}=${a.value.slice(0, 30)}]`);
    }
  }
  return bad;
};

let h;
const typedDrafts = [];
before(async () => { h = await launch(); });
after(async () => { await h?.close(); });

describe('rendering safety (§3)', () => {
  test('HTML/script payloads in a draft render inert in the card, badge and dialog', T, async () => {
    const s = surfaceById('facebook-post');
    const page = await open(s);
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    const title = await page.title();
    await typeText(page, s, PAYLOAD_DRAFT);
    typedDrafts.push(PAYLOAD_DRAFT);
    await waitWarn(page);
    await settle(page);
    const inspect = () => page.evaluate(`(${LIVE_MARKUP.toString()})(document.querySelector('postcare-ui').shadowRoot)`);
    assert.deepEqual(await inspect(), [], 'badge/marks: no live markup');
    for (const token of ['1904851231', '2103752341']) {
      const card = await openCardOn(page, s.editor, token);
      assert.ok(card, `card opens on ${token}`);
      assert.deepEqual(await inspect(), [], `card for ${token}: no live markup`);
      await page.keyboard.press('Escape');
      await page.mouse.move(2, 2);
      await sleep(150);
    }
    await clickPublish(page, s);
    await waitReview(page);
    assert.deepEqual(await inspect(), [], 'review dialog: no live markup');
    await clickReviewButton(page, 'Edit post');
    assert.equal(await page.title(), title, 'no payload ran (document.title unchanged)');
    assert.deepEqual(dialogs, []);
    assert.equal(await modelText(page), PAYLOAD_DRAFT, 'the payload stays literal text in the editor');
    await page.close();
  });

  test('payloads render inert in the textarea overlay (old Reddit)', T, async () => {
    const s = surfaceById('reddit-old');
    const page = await open(s);
    const title = await page.title();
    await typeText(page, s, PAYLOAD_DRAFT);
    await waitWarn(page);
    await settle(page);
    const card = await openCardOn(page, s.editor, '1904851231');
    assert.ok(card, 'card opens over the textarea text');
    assert.deepEqual(await page.evaluate(`(${LIVE_MARKUP.toString()})(document.querySelector('postcare-ui').shadowRoot)`), []);
    assert.equal(await page.title(), title);
    await page.close();
  });

  test('payloads render inert in the popup\'s "Check a draft"', T, async () => {
    const m = manifestOf();
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/${m.action.default_popup}`);
    const title = await page.title();
    const box = page.getByLabel(msg('popupCheckLabel'));
    await box.click();
    await page.keyboard.type(PAYLOAD_DRAFT);
    typedDrafts.push(PAYLOAD_DRAFT);
    await page.getByRole('button', { name: msg('popupCheckButton') }).click();
    await waitFor(async () => (await page.locator('#results').textContent()).length > 0, { message: 'results' });
    await sleep(300);
    const bad = await page.evaluate(`(${LIVE_MARKUP.toString()})(document.getElementById('results'))`);
    assert.deepEqual(bad, [], 'results: no live markup');
    assert.equal(await page.title(), title);
    await page.close();
  });
});

async function open(s, opts) {
  const page = await openSurface(h.context, s, opts);
  await waitReady(page);
  return page;
}

describe('privacy proofs (§4)', () => {
  test('after typing drafts on every site, storage.local/sync/session hold no draft text', { timeout: 120000 }, async () => {
    for (const s of surfaces) {
      const page = await open(s);
      const text = s.id === 'x' ? DRAFTS.chi : DRAFTS.chi2;
      await typeText(page, s, `${text} ${DRAFTS.benign}`);
      await waitWarn(page);
      await page.close();
    }
    typedDrafts.push(DRAFTS.chi, DRAFTS.chi2, DRAFTS.benign);
    const sw = h.worker;
    assert.ok(sw, 'service worker available for the dump');
    const dump = await sw.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
      session: chrome.storage.session ? await chrome.storage.session.get(null) : {},
    }));
    const blob = JSON.stringify(dump);
    for (const needle of ['1904851231', '2103752341', 'Brodie', 'Tattie', 'resident in room', 'meds again', 'onerror', 'battering']) {
      assert.ok(!blob.includes(needle), `storage contains no "${needle}" (dump: ${blob.slice(0, 300)})`);
    }
    assert.deepEqual(dump.sync, {}, 'nothing in chrome.storage.sync');
  });

  for (const [name, dir] of [['chrome', DIST_CHROME], ['firefox', DIST_FIREFOX]]) {
    test(`dist/${name} manifest: permissions are exactly ["storage"], hosts are the supported sites`, () => {
      const m = manifestOf(dir);
      assert.deepEqual(m.permissions, ['storage']);
      const hosts = hostPatterns().sort();
      assert.deepEqual([...(m.host_permissions || [])].sort(), hosts, 'host_permissions = the hosts of extension/shared/sites.js');
      for (const u of surfaces.flatMap((s) => [s.url, ...(s.aliases || [])])) {
        assert.ok(hosts.includes(`${new URL(u).origin}/*`), `fixture ${u} is on a supported site`);
      }
      const matches = [...new Set((m.content_scripts || []).flatMap((c) => c.matches))].sort();
      assert.deepEqual(matches, hosts, 'content scripts run on the supported sites only');
      for (const p of m.optional_permissions || []) assert.ok(['scripting'].includes(p), `optional permission ${p} is expected`);
      const csp = JSON.stringify(m.content_security_policy || {});
      assert.ok(!/https?:|\*/.test(csp.replace(/'self'|'wasm-unsafe-eval'|'none'/g, '')), `CSP loads no remote code: ${csp}`);
      assert.equal(m.externally_connectable, undefined, 'no externally_connectable');
      if (name === 'firefox') {
        const gecko = m.browser_specific_settings && m.browser_specific_settings.gecko;
        assert.ok(gecko && gecko.id, 'gecko id');
        assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] }, 'declares no data collection');
        assert.ok(m.background && Array.isArray(m.background.scripts), 'Firefox background uses scripts');
      }
    });
  }

  test('the built extension contains no remote URLs in its scripts', () => {
    const offenders = [];
    const walk = (d) => {
      for (const f of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, f.name);
        if (f.isDirectory()) walk(p);
        else if (/\.(js|html)$/.test(f.name)) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\s*\(/g)) offenders.push(`${p}: ${m[0]}`);
        }
      }
    };
    walk(DIST_CHROME);
    // fetch of packaged files (the wasm) is the only permitted use; list the rest.
    const unexpected = offenders.filter((o) => !/background\.js: fetch\(/.test(o));
    assert.deepEqual(unexpected, []);
  });
});

describe('fail-open (§5)', () => {
  async function stopWorkers(page) {
    const t = await stopWorker(h.context, page);
    await t.detach();
    assert.ok(t.ok, `CDP reported the worker stopped (history ${JSON.stringify(t.history)})`);
    return t;
  }

  test('stopping the service worker mid-typing: warnings resume', T, async () => {
    const s = surfaceById('facebook-post');
    const page = await open(s);
    await typeText(page, s, 'Handover note: ');
    await sleep(400);
    await stopWorkers(page);
    await page.keyboard.type(DRAFTS.chi);
    await waitWarn(page, { timeout: 5000 });
    assert.equal(await modelText(page), `Handover note: ${DRAFTS.chi}`);
    await page.close();
  });

  test('stopping the service worker with a warning open: Post is held once, then goes through', T, async () => {
    const s = surfaceById('facebook-post');
    const page = await open(s);
    await typeText(page, s, DRAFTS.chi);
    await waitWarn(page);
    await stopWorkers(page);
    await clickPublish(page, s);
    await waitFor(async () => (await reviewOpen(page)) || (await posts(page)).length > 0, { message: 'dialog or post (never wedged)', timeout: 4000 });
    if (await reviewOpen(page)) await clickReviewButton(page, 'Post anyway');
    await waitFor(async () => (await posts(page)).length === 1, { message: 'posted', timeout: 4000 });
    await sleep(500);
    assert.deepEqual(await posts(page), [DRAFTS.chi], 'posted exactly once');
    await page.close();
  });

  test('stopping the service worker then typing and sending at once never wedges Enter-to-send', T, async () => {
    const s = surfaceById('messenger');
    const page = await open(s);
    await stopWorkers(page);
    await typeText(page, s, DRAFTS.benign);
    await page.keyboard.press('Enter');
    await waitFor(async () => (await posts(page)).length === 1 || (await reviewOpen(page)), { message: 'sent (or reviewed)', timeout: 4000 });
    assert.equal(await reviewOpen(page), false, 'a benign message is not held');
    assert.deepEqual(await posts(page), [DRAFTS.benign]);
    await page.close();
  });
});

// Variants of the built extension, made in a temp dir (dist/ is untouched).
function variant(mutate) {
  const dir = mkdtempSync(join(tmpdir(), 'postcare-variant-'));
  cpSync(DIST_CHROME, dir, { recursive: true });
  mutate(dir);
  return dir;
}

describe('fail-open with a broken build (§5)', () => {
  test('a wasm that fails to load: posting works normally and the popup says the checker is unavailable', { timeout: 90000 }, async () => {
    const dir = variant((d) => {
      const wasmDir = join(d, 'wasm');
      for (const f of readdirSync(wasmDir)) if (f.endsWith('.wasm')) writeFileSync(join(wasmDir, f), Buffer.from('not a wasm module'));
    });
    const v = await launch({ extension: dir });
    try {
      const s = surfaceById('facebook-post');
      const page = await openSurface(v.context, s);
      await typeText(page, s, DRAFTS.chi);
      await sleep(1200);
      await clickPublish(page, s);
      await waitFor(async () => (await posts(page)).length === 1, { message: 'posted without a dialog', timeout: 4000 });
      const b = await badge(page);
      assert.ok(!b || b.warn === 0, 'no warnings claimed without an engine');
      assert.equal(b && b.status, 'unchecked', 'the badge says the post went out unchecked');
      const s2 = surfaceById('messenger');
      const chat = await openSurface(v.context, s2);
      await typeText(chat, s2, DRAFTS.chi2);
      await sleep(800);
      await chat.keyboard.press('Enter');
      await waitFor(async () => (await posts(chat)).length === 1, { message: 'Enter sends', timeout: 4000 });
      const popup = await v.context.newPage();
      await popup.goto(`chrome-extension://${v.extensionId}/${manifestOf(dir).action.default_popup}`);
      await waitFor(async () => popup.getByText(msg('popupUnavailable')).isVisible(), { message: 'popup says the checker is unavailable', timeout: 4000 });
      assert.deepEqual(v.netlog.extension, []);
    } finally {
      await v.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a content script whose messaging throws: posting and Enter-to-send work normally', { timeout: 90000 }, async () => {
    const dir = variant((d) => {
      const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
      for (const cs of m.content_scripts) {
        for (const js of cs.js) {
          const p = join(d, js);
          const poison = 'try{const boom=()=>{throw new Error("e2e: injected failure")};' +
            'chrome.runtime.sendMessage=boom;chrome.runtime.connect=boom;}catch(e){}\n';
          writeFileSync(p, poison + readFileSync(p, 'utf8'));
        }
      }
    });
    const v = await launch({ extension: dir });
    try {
      for (const id of ['facebook-post', 'whatsapp', 'x']) {
        const s = surfaceById(id);
        const page = await openSurface(v.context, s);
        await typeText(page, s, DRAFTS.chi);
        await sleep(800);
        if (s.enter === 'newline') await clickPublish(page, s);
        else await page.keyboard.press(s.enter === 'send' ? 'Enter' : 'Control+Enter');
        await waitFor(async () => (await posts(page)).length === 1, { message: `${id}: published without the checker`, timeout: 4000 });
        await page.close();
      }
    } finally {
      await v.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('no network request from any extension context during the whole session', () => {
  assert.deepEqual(h.netlog.extension, []);
});
