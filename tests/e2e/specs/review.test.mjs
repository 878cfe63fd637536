// Issue 10 §4: the review dialog groups findings by kind and reads at a glance; "Make it safe"
// applies every suggestion through the editor and shows what remains; the warning card leads with
// what to do and never covers the words it explains.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ARTIFACTS, E2E } from '../lib/harness.mjs';
import { openSurface, typeText, modelText, domText, posts, clickPublish, pressPublishKey, waitFor, sleep } from '../lib/page.mjs';
import {
  waitReady, waitWarn, settle, waitReview, clickReviewButton, reviewOpen, openCardOn, cardOpen, tokenRect, foreignEditorNodes,
  REVIEW, CARD,
} from '../lib/ext.mjs';
import { msg, axeSerious } from '../lib/a11y.mjs';
import { surfaceById } from '../fixtures/surfaces.mjs';

const T = { timeout: 45000 };
// A name and an address (two parts: the street and the postcode) alongside details of care.
const GROUPED = 'Visited Mrs Brodie at 14 Glenview Crescent, G51 4TF today, her dementia is getting worse';
// Every warning here has a suggestion (remove the words): "Make it safe" clears them all.
const FIXABLE = 'Text me on 07700 900123, I am at 14 Glenview Crescent G51 4TF if anyone wants the spare chairs';
const FIXABLE_WORDS = ['07700', 'Glenview', 'G51'];

let h;
before(async () => { h = await launch(); });
after(async () => { await h?.close(); });

async function open(id, opts) {
  const s = surfaceById(id);
  const page = await openSurface(h.context, s, opts);
  await waitReady(page);
  return { page, s };
}

/**
 * Types a draft, waits for its warnings, presses the site's Post button (or its send key) and
 * waits for the dialog.
 */
async function review(page, s, draft, { key = false } = {}) {
  await typeText(page, s, draft);
  await waitWarn(page);
  await settle(page);
  await page.mouse.move(2, 2);
  if (key) await pressPublishKey(page, s);
  else await clickPublish(page, s);
  await waitReview(page);
}

/** The dialog as a reader sees it: groups with their quoted words, and the buttons. */
const readDialog = (page) => page.evaluate((sel) => {
  const d = document.querySelector('postcare-ui').shadowRoot.querySelector(sel);
  if (!d) return null;
  const r = d.getBoundingClientRect();
  return {
    text: d.textContent,
    rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
    scrolls: [d, d.querySelector('.groups')].some((e) => e && e.scrollHeight > e.clientHeight + 1),
    status: (d.querySelector('[role="status"]') || { textContent: '' }).textContent,
    groups: [...d.querySelectorAll('[data-postcare="group"]')].map((g) => ({
      title: g.querySelector('h3').textContent,
      section: g.querySelector('[data-part="section"]').textContent,
      severity: g.getAttribute('data-severity'),
      found: [...g.querySelectorAll('[data-postcare="found"]')].map((q) => q.textContent),
      text: g.textContent,
    })),
    buttons: [...d.querySelectorAll('button')].filter((b) => !b.hidden).map((b) => ({ action: b.dataset.action, label: b.textContent.trim() })),
  };
}, REVIEW);

const count = (text, part) => text.split(part).length - 1;

test('review dialog: one group per kind, quoting the words found, with one why and one what-to-do', T, async () => {
  const { page, s } = await open('facebook-post');
  await review(page, s, GROUPED);
  const d = await readDialog(page);
  const address = d.groups.find((g) => /address/i.test(g.title));
  const name = d.groups.find((g) => /name/i.test(g.title));
  assert.ok(address && name, `an address group and a name group (${JSON.stringify(d.groups.map((g) => g.title))})`);
  // The learned layer may add a caution of its own; the rules' warnings are two kinds, two groups.
  assert.equal(d.groups.filter((g) => g.severity === 'warn').length, 2, 'two kinds of warning, two groups');
  assert.equal(new Set(d.groups.map((g) => g.title)).size, d.groups.length, 'one group per kind');
  assert.deepEqual(address.found, ['14 Glenview Crescent', 'G51 4TF'], 'both parts of the address quoted in one group');
  assert.deepEqual(name.found, ['Mrs Brodie']);
  assert.equal(count(d.text, address.title), 1, 'the address title is shown once');
  for (const g of d.groups) {
    assert.equal(count(g.text, `${msg('cardWhy')}:`), 1, `one why for "${g.title}"`);
    assert.equal(count(g.text, `${msg('cardInstead')}:`), 1, `one what-to-do for "${g.title}"`);
    if (g.severity === 'warn') assert.equal(g.section, 'Sharing information', `the guidance section for "${g.title}"`);
    else assert.ok(g.section, `a guidance section for "${g.title}"`);
  }
  // At a glance: the whole dialog is on screen with nothing to scroll.
  const vp = page.viewportSize();
  assert.ok(d.rect.top >= 0 && d.rect.left >= 0 && d.rect.bottom <= vp.height && d.rect.right <= vp.width, `on screen: ${JSON.stringify(d.rect)}`);
  assert.equal(d.scrolls, false, 'the dialog needs no scrolling');
  assert.deepEqual(d.buttons.map((b) => b.label), [msg('makeSafe'), msg('editPost'), msg('postAnyway')]);
  await clickReviewButton(page, msg('editPost'));
  assert.equal(await reviewOpen(page), false);
  assert.equal(await modelText(page), GROUPED, 'Edit post leaves the draft as it was');
  await page.close();
});

test('review dialog with many kinds in a short window: the title and the buttons stay in view, the list scrolls from the keyboard', T, async () => {
  const { page, s } = await open('facebook-post');
  await page.setViewportSize({ width: 900, height: 520 });
  await review(page, s, `${GROUPED}. Absolutely steaming on shift tonight lol, keysafe is 1938, her CHI is 1904851231. I'm on my own in the house every Saturday night 10 till 8`);
  const d = await readDialog(page);
  assert.ok(d.groups.length >= 5, `many kinds (${d.groups.length})`);
  const inView = (sel) => page.locator(REVIEW).locator(sel).first().evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
  assert.ok(await inView('h2'), 'the title is in view');
  for (const action of ['safe', 'edit', 'post']) assert.ok(await inView(`[data-action="${action}"]`), `${action} is in view`);
  assert.ok(d.rect.top >= 0 && d.rect.bottom <= 520, `the dialog fits the window: ${JSON.stringify(d.rect)}`);
  // Focus starts on "Edit post"; Tab goes round the buttons and the scrolling list.
  const focused = () => page.evaluate(() => {
    const a = document.querySelector('postcare-ui').shadowRoot.activeElement;
    return a ? (a.dataset.action || a.tagName.toLowerCase()) : null;
  });
  const order = [await focused()];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    order.push(await focused());
  }
  assert.deepEqual(order, ['edit', 'post', 'ul', 'safe', 'edit'], 'Tab order inside the dialog');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'ul');
  const list = page.locator(REVIEW).locator('ul');
  const before = await list.evaluate((e) => e.scrollTop);
  await page.keyboard.press('PageDown');
  await waitFor(async () => (await list.evaluate((e) => e.scrollTop)) > before, { message: 'the list scrolls from the keyboard', timeout: 2000 });
  assert.deepEqual(await axeSerious(page, { include: [{ fromShadowDom: ['postcare-ui', REVIEW] }] }), [], 'axe-core: the long dialog');
  await page.close();
});

test('screenshot of the review dialog (README)', T, async () => {
  const { page, s } = await open('facebook-post');
  await review(page, s, GROUPED);
  await sleep(300);
  const out = join(ARTIFACTS, 'review-dialog.png');
  const d = await readDialog(page);
  const pad = 12;
  await page.screenshot({
    path: out,
    clip: { x: Math.max(0, d.rect.left - pad), y: Math.max(0, d.rect.top - pad), width: d.rect.right - d.rect.left + 2 * pad, height: d.rect.bottom - d.rect.top + 2 * pad },
  });
  mkdirSync(join(E2E, 'screenshots'), { recursive: true });
  copyFileSync(out, join(E2E, 'screenshots', 'review-dialog.png'));
  await page.close();
});

describe('"Make it safe" goes through each editor', () => {
  const cases = [
    { id: 'facebook-post' }, { id: 'x' }, { id: 'linkedin-post' }, { id: 'linkedin-comment' }, { id: 'reddit-old' },
    { id: 'linkedin-messaging' }, { id: 'whatsapp', key: true }, { id: 'bluesky', key: true },
  ];
  for (const { id, key } of cases) {
    test(`${id}: every suggestion applied, re-checked, then posted once${key ? ' (held from the send key)' : ''}`, T, async () => {
      const { page, s } = await open(id);
      await review(page, s, FIXABLE, { key });
      await page.locator(REVIEW).locator('[data-action="safe"]').click();
      const d = await waitFor(async () => {
        const r = await readDialog(page);
        return r && r.buttons.some((b) => b.action === 'post' && b.label === msg('postNow')) ? r : false;
      }, { message: 'the dialog says nothing holds the post back', timeout: 6000 });
      const model = await modelText(page);
      for (const w of FIXABLE_WORDS) assert.ok(!model.includes(w), `"${w}" removed: ${JSON.stringify(model)}`);
      assert.equal(model, 'Text me on, I am at if anyone wants the spare chairs', 'the words and one space beside each are gone, the rest stays');
      assert.equal(await domText(page), model, 'editor DOM text equals its model text');
      assert.deepEqual(await foreignEditorNodes(page, s.editor), { recorded: [], present: [] }, 'no extension nodes inside the editor');
      assert.equal(d.groups.filter((g) => g.severity === 'warn').length, 0, 'no warning left');
      assert.ok(d.status.length > 0, 'the dialog says what it changed');
      assert.ok(!d.buttons.some((b) => b.action === 'safe'), 'nothing left to make safe');
      await page.locator(REVIEW).locator('[data-action="post"]').click();
      await waitFor(async () => (await posts(page)).length >= 1, { message: 'posted', timeout: 4000 });
      await sleep(500);
      assert.deepEqual(await posts(page), [model], 'the safe text posted exactly once');
      await page.close();
    });
  }
});

test('"Make it safe" shows what remains when some warnings have no suggestion', T, async () => {
  const { page, s } = await open('facebook-post');
  await review(page, s, GROUPED);
  await page.locator(REVIEW).locator('[data-action="safe"]').click();
  const d = await waitFor(async () => {
    const r = await readDialog(page);
    return r && r.status && !r.text.includes('Glenview') ? r : false;
  }, { message: 'the dialog re-checked', timeout: 6000 });
  const model = await modelText(page);
  assert.ok(!/Brodie|Glenview|G51/.test(model), `suggestions applied: ${JSON.stringify(model)}`);
  assert.ok(d.groups.some((g) => g.severity === 'warn'), `what remains is listed: ${JSON.stringify(d.groups.map((g) => g.title))}`);
  assert.deepEqual(d.buttons.map((b) => b.label), [msg('editPost'), msg('postAnyway')], 'no suggestion left to apply; the post is still held');
  assert.deepEqual(await axeSerious(page, { include: [{ fromShadowDom: ['postcare-ui', REVIEW] }] }), [], 'axe-core: the dialog after "Make it safe"');
  await clickReviewButton(page, msg('editPost'));
  assert.deepEqual(await posts(page), []);
  await page.close();
});

/** The open card's layout: its box, whether it is cut off, and where its parts are. */
const readCard = (page) => page.evaluate((sel) => {
  const c = document.querySelector('postcare-ui').shadowRoot.querySelector(sel);
  if (!c) return null;
  const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, height: r.height }; };
  const apply = c.querySelector('[data-action="apply"]');
  const why = c.querySelector('details');
  // checkVisibility: false inside a closed <details> too (its content is skipped, not removed).
  const visible = (e) => !!e && e.checkVisibility();
  return {
    rect: box(c),
    clipped: c.scrollHeight > c.clientHeight + 1,
    applyRect: visible(apply) ? box(apply) : null,
    insteadBeforeWhy: !!why && !!c.querySelector('[data-part="instead"]') &&
      (c.querySelector('[data-part="instead"]').compareDocumentPosition(why) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
    whyOpen: !!why && why.open,
    quotesVisible: [...c.querySelectorAll('blockquote')].filter(visible).length,
  };
}, CARD);

const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

for (const { name, viewport } of [{ name: 'a roomy window', viewport: null }, { name: 'a short window', viewport: { width: 900, height: 420 } }]) {
  test(`warning card in ${name}: what to do and Apply first, Code statements behind "Why", never over the words, never cut off`, T, async () => {
    const { page, s } = await open('facebook-post');
    if (viewport) await page.setViewportSize(viewport);
    const draft = `Lovely afternoon in the garden.\nCatch up with Mrs Brodie about her dementia care plan, CHI 1904851231, before Friday`;
    await typeText(page, s, draft);
    await waitWarn(page);
    await settle(page);
    const card = await openCardOn(page, s.editor, '1904851231');
    assert.ok(card, 'the card opens on the CHI number');
    const c = await readCard(page);
    const vp = page.viewportSize();
    assert.ok(c.rect.top >= 0 && c.rect.left >= 0 && c.rect.bottom <= vp.height && c.rect.right <= vp.width, `inside the window: ${JSON.stringify(c.rect)}`);
    assert.ok(c.applyRect, 'Apply suggestion is shown');
    assert.ok(c.applyRect.bottom <= c.rect.bottom && c.applyRect.top >= c.rect.top, 'Apply suggestion is in view, not cut off');
    if (!viewport) assert.equal(c.clipped, false, 'the card shows everything without scrolling');
    assert.ok(c.insteadBeforeWhy, 'what to do comes before the "Why" disclosure');
    assert.equal(c.whyOpen, false, '"Why" starts closed');
    assert.equal(c.quotesVisible, 0, 'Code statements hidden until "Why" is opened');
    for (const token of ['1904851231', 'Mrs Brodie']) {
      const r = await tokenRect(page, s.editor, token);
      assert.ok(r, `${token} on screen`);
      assert.ok(!overlaps(c.rect, r), `the card does not cover "${token}" (card ${JSON.stringify(c.rect)}, words ${JSON.stringify(r)})`);
    }
    await page.locator(CARD).locator('summary').click();
    await waitFor(async () => (await readCard(page)).quotesVisible > 0, { message: 'Code statements shown after "Why"', timeout: 2000 });
    await sleep(100); // placed again once "Why" has opened
    assert.deepEqual(await axeSerious(page, { include: [{ fromShadowDom: ['postcare-ui', CARD] }] }), [], 'axe-core: the card with "Why" open');
    const opened = await readCard(page);
    assert.ok(opened.rect.bottom <= vp.height && opened.rect.top >= 0, `still inside the window with "Why" open: ${JSON.stringify(opened.rect)}`);
    for (const token of ['1904851231', 'Mrs Brodie']) {
      assert.ok(!overlaps(opened.rect, await tokenRect(page, s.editor, token)), `with "Why" open, the card does not cover "${token}"`);
    }
    await page.close();
  });
}
