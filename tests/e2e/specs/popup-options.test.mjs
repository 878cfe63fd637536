// Issue 4: the popup and options page (keyboard, watch-list privacy, live
// application in open tabs) and axe-core on popup, options, card and dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, manifestOf, ARTIFACTS, E2E } from '../lib/harness.mjs';
import { openSurface, focusEditor, typeText, clickPublish, waitFor, sleep } from '../lib/page.mjs';
import {
  DRAFTS, waitReady, waitWarn, settle, badge, highlights, openCardOn, waitReview, clickReviewButton, REVIEW,
} from '../lib/ext.mjs';
import { axeSerious, tabWalk, interactive, msg } from '../lib/a11y.mjs';
import { surfaceById } from '../fixtures/surfaces.mjs';

const T = { timeout: 60000 };
const WATCH_NAME = 'Ailsa Kerrigan';
const WATCH_DRAFT = 'Lovely walk along the shore with Ailsa Kerrigan this afternoon';
let h;
let popupUrl;
let optionsUrl;
before(async () => {
  h = await launch();
  const m = manifestOf();
  popupUrl = `chrome-extension://${h.extensionId}/${m.action.default_popup}`;
  optionsUrl = `chrome-extension://${h.extensionId}/${(m.options_ui && m.options_ui.page) || m.options_page}`;
});
after(async () => { await h?.close(); });

async function openExtPage(url) {
  const page = await h.context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(url);
  await page.waitForLoadState('load');
  await sleep(300);
  return page;
}

const storageDump = (page) => page.evaluate(async () => ({
  local: await chrome.storage.local.get(null),
  sync: await chrome.storage.sync.get(null),
  session: chrome.storage.session ? await chrome.storage.session.get(null) : {},
}));

test('popup: every control is reachable with Tab and shows a visible focus indicator', T, async () => {
  const page = await openExtPage(popupUrl);
  const controls = await interactive(page);
  const walk = await tabWalk(page);
  assert.ok(controls.length >= 3 && walk.length >= controls.length, `walked ${walk.length} of ${controls.length} controls`);
  for (const c of controls) {
    assert.ok(walk.some((w) => w.key === c.key && w.tag === c.tag), `Tab reaches ${c.tag} "${c.key}" (walk: ${walk.map((w) => w.key).join(' | ')})`);
  }
  const invisible = walk.filter((w) => !w.visibleFocus);
  assert.deepEqual(invisible, [], 'every focused control shows an outline or box-shadow');
  await page.close();
});

test('popup: "Check a draft" works from the keyboard alone and shows findings', T, async () => {
  const page = await openExtPage(popupUrl);
  const draft = page.getByLabel(msg('popupCheckLabel'));
  for (let i = 0; i < 30 && !(await draft.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
  assert.ok(await draft.evaluate((e) => e === document.activeElement), 'Tab reaches the draft box');
  await page.keyboard.type(DRAFTS.chi);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.textContent.trim());
  assert.equal(focused, msg('popupCheckButton'), 'Tab moves from the box to the Check button');
  await page.keyboard.press('Enter');
  const results = page.locator('#results');
  await waitFor(async () => (await results.textContent()).includes(msg('severityWarn')), { message: 'a warn finding listed', timeout: 4000 });
  // Benign text says there is nothing to flag.
  await draft.fill(DRAFTS.benign);
  await page.getByRole('button', { name: msg('popupCheckButton') }).press('Space');
  await waitFor(async () => (await results.textContent()).includes(msg('popupNoFindings')), { message: 'no findings message', timeout: 4000 });
  // Findings of one kind are listed once, quoting each of their words.
  await draft.fill('Lovely afternoon at 14 Glenview Crescent, G51 4TF with the residents, her dementia is getting worse');
  await page.getByRole('button', { name: msg('popupCheckButton') }).click();
  await waitFor(async () => (await results.textContent()).includes('“14 Glenview Crescent”, “G51 4TF”'), { message: 'the address quoted once, both parts', timeout: 4000 });
  // The learned layer may add a caution of another kind; the rules' warning is one entry.
  assert.equal(await results.locator('li:has(.sev-warn)').count(), 1, 'one kind of warning, one entry');
  assert.equal(await results.locator('li:has(.sev-warn)', { hasText: 'Glenview' }).count(), 1, 'the address warning listed once');
  const titles = await results.locator('li strong').allTextContents();
  assert.equal(new Set(titles).size, titles.length, `one entry per kind: ${JSON.stringify(titles)}`);
  const entries = titles.length;
  assert.equal(await results.locator('p').first().textContent(), entries === 1 ? msg('popupFindingsCountOne') : msg('popupFindingsCount', String(entries)));
  await page.close();
});

test('popup: guidance summary is three closed sections that open from the keyboard, and links to the SSSC Codes', T, async () => {
  const page = await openExtPage(popupUrl);
  const areas = page.locator('#areas details');
  await waitFor(async () => (await areas.count()) >= 4, { message: 'an introduction and three guidance areas' });
  const titles = (await page.locator('#areas summary').allTextContents()).join(' | ');
  assert.match(titles, /shar/i);
  assert.match(titles, /bound/i);
  assert.match(titles, /protect|yourself/i);
  assert.equal(await page.locator('#areas details[open]').count(), 0, 'every section starts closed');
  const sharing = page.locator('#areas summary', { hasText: /shar/i });
  const points = page.locator('#areas details').filter({ has: page.locator('summary', { hasText: /shar/i }) }).locator('li').first();
  assert.equal(await points.isVisible(), false, 'points hidden while closed');
  await sharing.focus();
  await page.keyboard.press('Enter');
  await points.waitFor({ state: 'visible', timeout: 2000 });
  const href = await page.getByRole('link', { name: msg('popupCodesLink') }).getAttribute('href');
  assert.match(href || '', /^https:\/\/(www\.)?sssc\.uk\.com\//);
  await page.close();
});

test('popup: the tab\'s state comes first, then checking a draft, then the guidance', T, async () => {
  const page = await openExtPage(popupUrl);
  await waitFor(async () => (await page.locator('#areas details').count()) >= 4, { message: 'guidance sections' });
  const top = (sel) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().top);
  const tab = await top('#tab');
  assert.ok(tab < 80, `the tab's state is at the top of the popup (top ${tab}px)`);
  assert.ok(tab < await top('#check-heading') && await top('#check-heading') < await top('#guidance-heading'),
    'order: tab state, check a draft, guidance');
  // The popup's own page is no site: it says plainly that nothing is checked here.
  assert.equal(await page.locator('#tab').getAttribute('data-state'), 'none');
  assert.equal(await page.locator('#site-status').textContent(), msg('popupSiteNotCovered'));
  const height = await page.evaluate(() => document.body.getBoundingClientRect().height);
  assert.ok(height < 700, `the popup is short with its guidance closed (${height}px)`);
  await page.close();
});

test('popup: on a supported site with a risky draft, it says the page is checked and counts the open warnings', T, async () => {
  const s = surfaceById('facebook-comment');
  const site = await openSurface(h.context, s);
  await waitReady(site);
  await typeText(site, s, DRAFTS.chi);
  await waitWarn(site);
  const b = await settle(site);
  const popup = await h.context.newPage();
  await site.bringToFront();
  await popup.goto(popupUrl);
  const status = popup.locator('#site-status');
  await waitFor(async () => (await status.textContent()) === msg('popupSiteCovered', 'Facebook'), { message: 'covered status' });
  assert.equal(await popup.locator('#tab').getAttribute('data-state'), 'on');
  const box = popup.locator('#box-status');
  await box.waitFor({ state: 'visible', timeout: 4000 });
  const label = await site.locator(s.editor).first().getAttribute('aria-label');
  await waitFor(async () => (await box.textContent()) === msg('popupBoxChecked', label), { message: `the page reports its compose box "${label}"`, timeout: 4000 });
  const warn = popup.locator('#warn-status');
  await warn.waitFor({ state: 'visible', timeout: 4000 });
  const expected = b.warn === 1 ? msg('popupWarnOpenOne') : msg('popupWarnOpen', String(b.warn));
  assert.equal(await warn.textContent(), expected, 'the open warnings match the badge');
  assert.ok(await popup.getByRole('switch').isChecked(), 'the pause switch is on');
  assert.deepEqual(await axeSerious(popup), [], 'axe-core: the popup with the tab checked and warnings open');
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.screenshot({ path: join(ARTIFACTS, 'popup.png') });
  copyFileSync(join(ARTIFACTS, 'popup.png'), join(E2E, 'screenshots', 'popup.png'));
  await popup.close();
  await site.close();
});

test('popup: the pause switch for the current site works from the keyboard', T, async () => {
  const s = surfaceById('facebook-comment');
  const site = await openSurface(h.context, s);
  await waitReady(site);
  const popup = await h.context.newPage();
  await site.bringToFront();
  await popup.goto(popupUrl); // the popup asks for the active tab, which is the fixture
  const toggle = popup.getByRole('switch');
  await toggle.waitFor({ state: 'visible', timeout: 4000 });
  assert.equal(await toggle.isChecked(), true, 'checking is on for a covered site');
  await toggle.focus();
  await popup.keyboard.press('Space');
  await waitFor(async () => !(await toggle.isChecked()), { message: 'switch off' });
  await sleep(300);
  await site.bringToFront();
  await focusEditor(site, s);
  await typeText(site, s, DRAFTS.chi);
  await sleep(1200);
  const paused = await badge(site);
  assert.ok(!paused || paused.warn === 0, `no warnings while paused (badge ${JSON.stringify(paused)})`);
  await toggle.focus();
  await popup.keyboard.press('Space');
  await waitFor(async () => toggle.isChecked(), { message: 'switch on again' });
  await focusEditor(site, s);
  await site.keyboard.type(' ');
  await waitWarn(site, { timeout: 5000 });
  await popup.close();
  await site.close();
});

test('options: keyboard-operable with visible focus; watch-list masked until revealed', T, async () => {
  const page = await openExtPage(optionsUrl);
  const walk = await tabWalk(page);
  const controls = await interactive(page);
  assert.ok(controls.length >= 5 && walk.length >= controls.length, `walked ${walk.length} of ${controls.length} controls`);
  for (const c of controls) {
    assert.ok(walk.some((w) => w.key === c.key && w.tag === c.tag), `Tab reaches ${c.tag} "${c.key}"`);
  }
  assert.deepEqual(walk.filter((w) => !w.visibleFocus), [], 'every focused control shows a focus indicator');

  const input = page.getByLabel(msg('optionsWatchAddLabel'));
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  for (let i = 0; i < 40 && !(await input.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
  assert.ok(await input.evaluate((e) => e === document.activeElement), 'Tab reaches the watch-list input');
  await page.keyboard.type(WATCH_NAME);
  await page.keyboard.press('Enter');
  const list = page.locator('#watch-list');
  await waitFor(async () => (await list.locator('li').count()) === 1, { message: 'one name listed' });
  const masked = await list.textContent();
  assert.ok(!masked.includes('Ailsa') && !masked.includes('Kerrigan'), `name masked: ${masked}`);
  assert.match(masked, /A•+\s+K•+/, 'masked as initials and dots');
  const reveal = page.getByRole('button', { name: msg('optionsWatchReveal') });
  assert.equal(await reveal.getAttribute('aria-pressed'), 'false');
  await reveal.focus();
  await page.keyboard.press('Space');
  await waitFor(async () => (await list.textContent()).includes(WATCH_NAME), { message: 'name revealed' });
  assert.equal(await page.locator('#watch-reveal').getAttribute('aria-pressed'), 'true');
  await page.locator('#watch-reveal').press('Enter');
  await waitFor(async () => !(await list.textContent()).includes(WATCH_NAME), { message: 'masked again' });

  const dump = await storageDump(page);
  assert.ok(JSON.stringify(dump.local).includes(WATCH_NAME), 'the watch-list is in chrome.storage.local');
  assert.ok(!JSON.stringify(dump.sync).includes('Kerrigan'), 'never in chrome.storage.sync');
  assert.deepEqual(dump.sync, {}, 'nothing at all in chrome.storage.sync');
  assert.ok(!JSON.stringify(dump.session).includes('Kerrigan'), 'not in chrome.storage.session');
  // Remove it again (keyboard) so later tests start clean.
  await page.getByRole('button', { name: msg('optionsWatchRemoveLabel', 'A•••• K•••••••') }).or(
    page.locator('#watch-list button')).first().press('Enter');
  await waitFor(async () => (await list.locator('li').count()) === 0, { message: 'name removed' });
  await page.close();
});

test('watch-list: a name added in options applies at once in an open tab', T, async () => {
  const s = surfaceById('facebook-post');
  const site = await openSurface(h.context, s);
  await waitReady(site);
  await typeText(site, s, WATCH_DRAFT);
  await sleep(800);
  const before = await settle(site);
  const hlBefore = await highlights(h.context, site);
  const opts = await openExtPage(optionsUrl);
  await opts.getByLabel(msg('optionsWatchAddLabel')).fill(WATCH_NAME);
  await opts.getByLabel(msg('optionsWatchAddLabel')).press('Enter');
  await waitFor(async () => JSON.stringify((await storageDump(opts)).local).includes(WATCH_NAME), { message: 'saved' });
  // No typing in the open tab: the new name must be flagged by itself.
  await waitFor(async () => {
    const b = await badge(site);
    return b && b.warn > ((before && before.warn) || 0);
  }, { message: 'the open tab warns about the watched name without further typing', timeout: 4000 });
  const hl = await highlights(h.context, site);
  assert.ok(hl.warn.some((t) => /Ailsa|Kerrigan/.test(t)), `the watched name is underlined as warn (before: ${JSON.stringify(hlBefore.warn)}, after: ${JSON.stringify(hl.warn)})`);
  const dump = await storageDump(opts);
  assert.ok(!JSON.stringify(dump.sync).includes('Kerrigan'));
  await opts.locator('#watch-list button').first().click();
  await opts.close();
  await site.close();
});

test('axe-core: popup has no serious or critical violations', T, async () => {
  const page = await openExtPage(popupUrl);
  await page.getByLabel(msg('popupCheckLabel')).fill(DRAFTS.chi);
  await page.getByRole('button', { name: msg('popupCheckButton') }).click();
  await sleep(600);
  assert.deepEqual(await axeSerious(page), []);
  await page.close();
});

test('axe-core: options page has no serious or critical violations', T, async () => {
  const page = await openExtPage(optionsUrl);
  assert.deepEqual(await axeSerious(page), []);
  await page.close();
});

test('options: "What to check for" and "Sites" are filled as soon as the page is parsed, then show the saved state', T, async () => {
  const setup = await openExtPage(optionsUrl);
  await setup.evaluate(() => chrome.storage.local.set({ disabledCategories: ['dignity'], disabledSites: ['tiktok'] }));
  await setup.close();
  const page = await h.context.newPage();
  // Counted when the document has been parsed (module scripts have run), before any storage read
  // could have answered: the sections must never be empty.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      /** @type {any} */ (window).__atParsed = {
        categories: document.querySelectorAll('#categories input[type=checkbox]').length,
        sites: document.querySelectorAll('#sites input[type=checkbox]').length,
      };
    });
  });
  await page.goto(optionsUrl);
  const atParsed = await page.evaluate(() => /** @type {any} */ (window).__atParsed);
  assert.ok(atParsed, 'the DOMContentLoaded probe ran');
  assert.equal(atParsed.categories, 5, 'five categories listed when the page is parsed');
  assert.ok(atParsed.sites >= 10, `every supported site listed when the page is parsed (${atParsed.sites})`);
  const box = (name) => page.getByRole('checkbox', { name, exact: true });
  await waitFor(async () => !(await box(msg('categoryDignity')).isChecked()), { message: 'dignity shown off' });
  assert.ok(await box(msg('categoryConfidentiality')).isChecked());
  await waitFor(async () => !(await box('TikTok').isChecked()), { message: 'TikTok shown off' });
  assert.ok(await box('Facebook').isChecked());
  await page.evaluate(() => chrome.storage.local.remove(['disabledCategories', 'disabledSites']));
  await page.close();
});

test('axe-core: warning card and review dialog have no serious or critical violations', T, async () => {
  const s = surfaceById('facebook-post');
  const page = await openSurface(h.context, s);
  await waitReady(page);
  await typeText(page, s, DRAFTS.chi);
  await waitWarn(page);
  await settle(page);
  const card = await openCardOn(page, s.editor, '1904851231');
  assert.ok(card, 'card opens');
  const cardViolations = await axeSerious(page, { include: [{ fromShadowDom: ['postcare-ui', '[data-postcare="card"]'] }] });
  assert.deepEqual(cardViolations, [], 'card');
  const badgeViolations = await axeSerious(page, { include: [{ fromShadowDom: ['postcare-ui', '[data-postcare="badge"]'] }] });
  assert.deepEqual(badgeViolations, [], 'badge');
  await page.keyboard.press('Escape');
  await page.mouse.move(2, 2);
  await clickPublish(page, s);
  await waitReview(page);
  const dialogViolations = await axeSerious(page, { include: [{ fromShadowDom: ['postcare-ui', '[data-postcare="review"]'] }] });
  assert.deepEqual(dialogViolations, [], 'review dialog');
  // The dialog is keyboard-operable: focus starts inside it and Tab stays inside.
  const inDialog = () => page.evaluate(() => {
    const host = document.querySelector('postcare-ui');
    const a = host.shadowRoot.activeElement;
    return !!a && !!a.closest('[data-postcare="review"]') ? a.textContent.trim() : null;
  });
  const first = await inDialog();
  assert.ok(first, 'focus is inside the review dialog when it opens');
  const buttons = await page.locator(REVIEW).getByRole('button').count();
  assert.ok(buttons >= 2, `the dialog has its buttons (${buttons})`);
  const seen = [first];
  for (let i = 1; i < buttons; i++) {
    await page.keyboard.press('Tab');
    const next = await inDialog();
    assert.ok(next && !seen.includes(next), `Tab moves to the next dialog button (${JSON.stringify(seen)} then ${next})`);
    seen.push(next);
  }
  await page.keyboard.press('Tab');
  assert.equal(await inDialog(), first, 'focus stays in the dialog');
  await page.close();
});

test('no network request from any extension context (popup, options, worker)', () => {
  assert.deepEqual(h.netlog.extension, []);
});
