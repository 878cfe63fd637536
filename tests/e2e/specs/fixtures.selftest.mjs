// Self-test of the fixture pages WITHOUT the extension: each editor library
// works under the strict CSP, __posts and __modelText behave, and typing
// through real key events reaches the editor's model.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/harness.mjs';
import {
  openSurface, typeText, modelText, domText, posts, pressPublishKey, clickPublish, waitFor, activeIsEditor,
} from '../lib/page.mjs';
import { surfaces } from '../fixtures/surfaces.mjs';

let h;
before(async () => { h = await launch({ withExtension: false }); });
after(async () => { await h?.close(); });

for (const s of surfaces) {
  describe(`fixture ${s.id} (${s.library})`, () => {
    test('loads under the strict CSP; inline script blocked; no editor errors', async () => {
      const page = await openSurface(h.context, s);
      const state = await page.evaluate(() => ({
        inline: window.__inlineScriptRan, csp: window.__cspViolations, errors: window.__editorErrors,
      }));
      assert.equal(state.inline, undefined, 'inline script must be blocked by the CSP');
      assert.deepEqual(state.csp.map((v) => `${v.directive} ${v.blocked}`), ['script-src-elem inline']);
      assert.deepEqual(state.errors, []);
      assert.ok(await activeIsEditor(page, s), 'editor focused after click');
      await page.close();
    });

    test('typed text reaches the model and the DOM; publish records it once and clears', async () => {
      const page = await openSurface(h.context, s);
      const text = s.enter === 'send' ? 'Hello from the fixture, 9 words here.' : 'First line of the post\nsecond line';
      await typeText(page, s, text);
      assert.equal(await modelText(page), text);
      assert.equal(await domText(page), text);
      await clickPublish(page, s);
      await waitFor(async () => (await posts(page)).length === 1, { message: 'one post' });
      assert.deepEqual(await posts(page), [text]);
      await waitFor(async () => (await modelText(page)) === '', { message: 'editor cleared' });
      await page.waitForTimeout(200);
      assert.equal((await posts(page)).length, 1);
      await page.close();
    });

    if (s.enter !== 'newline') {
      test(`${s.enter === 'send' ? 'Enter' : 'Ctrl+Enter'} publishes`, async () => {
        const page = await openSurface(h.context, s);
        await typeText(page, s, 'Key send');
        await pressPublishKey(page, s);
        await waitFor(async () => (await posts(page)).length === 1, { message: 'one post' });
        assert.deepEqual(await posts(page), ['Key send']);
        await page.close();
      });
    }

    test('Ctrl+Z undoes typing', async () => {
      const page = await openSurface(h.context, s);
      await typeText(page, s, 'undo me');
      await page.keyboard.press('Control+z');
      await waitFor(async () => (await modelText(page)) !== 'undo me', { message: 'undo changes the model' });
      const after = await modelText(page);
      assert.ok('undo me'.startsWith(after), `after undo the text is a prefix: ${JSON.stringify(after)}`);
      assert.equal(await domText(page), after);
      await page.close();
    });
  });
}

test('no request left the fixture origins', () => {
  assert.deepEqual(h.netlog.aborted, []);
  assert.deepEqual(h.netlog.extension, []);
});
