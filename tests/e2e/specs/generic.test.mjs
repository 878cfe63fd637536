// A compose box no site adapter claims (sites change their markup every month) still gets
// checked on a supported site: the generic adapter underlines and badges it, and holds Enter
// (single-line boxes), Ctrl+Enter and the nearest submit-like button. The popup can ask the tab
// what it covers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/harness.mjs';
import { openSurface, waitFor, sleep } from '../lib/page.mjs';
import { DRAFTS, waitReady, waitWarn, reviewOpen, waitReview, clickReviewButton, highlights } from '../lib/ext.mjs';
import { surfaceById } from '../fixtures/surfaces.mjs';

const T = { timeout: 60000 };
let h;
before(async () => { h = await launch(); });
after(async () => { await h?.close(); });

// An X page with a box and a Send button of a kind X's adapter does not know.
async function openWithUnknownBox({ multiline = false } = {}) {
  const page = await openSurface(h.context, surfaceById('x'), { focus: false });
  await waitReady(page);
  await page.evaluate((multi) => {
    const wrap = document.createElement('section');
    wrap.innerHTML = multi
      ? '<div class="note"><textarea id="gbox" aria-label="Write a note"></textarea></div><div class="bar"><button type="button" id="gsend">Send</button></div>'
      : '<div class="note"><div id="gbox" contenteditable="true" aria-multiline="false" aria-label="Write a note"></div></div><div class="bar"><button type="button" id="gsend">Send</button></div>';
    document.querySelector('main').append(wrap);
    window.__gposts = [];
    const box = document.getElementById('gbox');
    const text = () => (box.tagName === 'TEXTAREA' ? box.value : box.textContent);
    document.getElementById('gsend').addEventListener('click', () => window.__gposts.push(text()));
    box.addEventListener('keydown', (e) => {
      const send = multi ? e.key === 'Enter' && e.ctrlKey : e.key === 'Enter' && !e.shiftKey;
      if (send) { e.preventDefault(); window.__gposts.push(text()); }
    });
  }, multiline);
  await page.locator('#gbox').click();
  return page;
}
const gposts = (page) => page.evaluate(() => window.__gposts.slice());

test('an unknown box on a supported site is underlined and badged', T, async () => {
  const page = await openWithUnknownBox();
  await page.keyboard.type(DRAFTS.chi);
  await waitWarn(page);
  const hl = await waitFor(async () => { const r = await highlights(h.context, page); return r.warn.length ? r : false; }, { message: 'underline' });
  assert.ok(hl.warn.some((t) => t.includes('1904851231')), JSON.stringify(hl.warn));
  await page.close();
});

test('its nearest Send button is held; "Post anyway" sends once', T, async () => {
  const page = await openWithUnknownBox();
  await page.keyboard.type(DRAFTS.chi);
  await waitWarn(page);
  await page.locator('#gsend').click();
  await waitReview(page);
  assert.deepEqual(await gposts(page), []);
  await clickReviewButton(page, 'Post anyway');
  await waitFor(async () => (await gposts(page)).length === 1, { message: 'sent' });
  await sleep(300);
  assert.deepEqual(await gposts(page), [DRAFTS.chi]);
  await page.close();
});

test('Enter in a single-line unknown box is held, even pressed at once after a paste', T, async () => {
  const page = await openWithUnknownBox();
  await page.keyboard.insertText(DRAFTS.chi);
  await page.keyboard.press('Enter');
  await waitReview(page);
  assert.deepEqual(await gposts(page), []);
  await clickReviewButton(page, 'Edit post');
  await page.close();
});

test('Ctrl+Enter in an unknown textarea is held; a benign draft sends at once', T, async () => {
  const page = await openWithUnknownBox({ multiline: true });
  await page.keyboard.type(DRAFTS.chi);
  await waitWarn(page);
  await page.keyboard.press('Control+Enter');
  await waitReview(page);
  await clickReviewButton(page, 'Edit post');
  await page.locator('#gbox').fill('');
  await page.keyboard.type(DRAFTS.benign);
  await page.locator('#gsend').click();
  await waitFor(async () => (await gposts(page)).length === 1, { message: 'sent' });
  assert.equal(await reviewOpen(page), false);
  assert.deepEqual(await gposts(page), [DRAFTS.benign]);
  await page.close();
});

test('the tab tells the popup which boxes it covers (never their text)', T, async () => {
  const page = await openWithUnknownBox();
  await page.keyboard.type(DRAFTS.chi);
  await waitWarn(page);
  const url = page.url();
  const answer = await h.worker.evaluate(async (u) => {
    const [tab] = await chrome.tabs.query({ url: u });
    return chrome.tabs.sendMessage(tab.id, { type: 'coverage' });
  }, url);
  assert.equal(answer.ok, true);
  assert.equal(answer.enabled, true);
  assert.equal(answer.site, 'x');
  const box = answer.boxes.find((b) => b.label === 'Write a note');
  assert.ok(box, JSON.stringify(answer));
  assert.equal(box.generic, true);
  assert.equal(box.checked, true);
  assert.ok(box.warnings >= 1);
  assert.ok(answer.siteBoxesOnPage >= 1, 'X\'s own compose box is on the page too');
  assert.ok(!JSON.stringify(answer).includes('1904851231'), 'no draft text in the answer');
  await page.close();
});
