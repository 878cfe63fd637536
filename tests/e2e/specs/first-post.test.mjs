// No post goes out unchecked while the extension is starting: on every site fixture, in a fresh
// browser profile (the extension just installed), a draft pasted in one go and published at once,
// with no wait. A risky draft is held for review every time; a benign one posts exactly once,
// after a real check (the badge never says it went out unchecked).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/harness.mjs';
import { openSurface, posts, pressPublishKey, clickPublish, waitFor, sleep } from '../lib/page.mjs';
import { DRAFTS, badge, reviewOpen, waitReview } from '../lib/ext.mjs';
import { surfaces } from '../fixtures/surfaces.mjs';

const only = process.env.SURFACES ? process.env.SURFACES.split(',') : null;
const T = { timeout: 60000 };

/** Pastes `text` in one go and publishes at once (Post for composers, Enter where it sends). */
async function pasteAndPublish(page, s, text) {
  await page.keyboard.insertText(text);
  if (s.enter === 'newline') await clickPublish(page, s);
  else await pressPublishKey(page, s);
}

async function inFreshProfile(s, fn) {
  const h = await launch();
  try {
    const page = await openSurface(h.context, s);
    await fn(page);
  } finally {
    await h.close();
  }
}

for (const s of surfaces) {
  if (only && !only.includes(s.id)) continue;
  describe(`${s.id}: first post in a fresh profile`, () => {
    test('a risky draft pasted and published at once is held for review', T, async () => {
      await inFreshProfile(s, async (page) => {
        await pasteAndPublish(page, s, DRAFTS.chi);
        await waitReview(page, 6000);
        assert.deepEqual(await posts(page), [], 'nothing posted before the review');
      });
    });

    test('a benign draft pasted and published at once posts once, after a check', T, async () => {
      await inFreshProfile(s, async (page) => {
        await pasteAndPublish(page, s, DRAFTS.benign);
        await waitFor(async () => (await posts(page)).length > 0, { message: 'posted', timeout: 6000 });
        await sleep(400);
        assert.deepEqual(await posts(page), [DRAFTS.benign], 'posted exactly once');
        assert.equal(await reviewOpen(page), false, 'no review for a benign draft');
        const b = await badge(page);
        assert.notEqual(b && b.status, 'unchecked', 'the post was checked, not let through unchecked');
      });
    });
  });
}
