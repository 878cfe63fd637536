// axe-core runner and keyboard-walk helpers.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DIST_CHROME } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Runs axe on `include` (an axe context) and returns serious/critical violations.
export async function axeSerious(page, include = null) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(AXE);
  const violations = await page.evaluate(async (ctx) => {
    const res = await window.axe.run(ctx || document, { resultTypes: ['violations'] });
    if (res.passes.length + res.violations.length + res.incomplete.length === 0) {
      return [{ id: 'e2e-nothing-checked', impact: 'critical', help: 'axe matched no nodes for this context', nodes: [] }];
    }
    return res.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: (n.failureSummary || '').slice(0, 300) })),
    }));
  }, include);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// Presses Tab until focus cycles; returns each focused element with whether
// it shows a visible focus indicator (outline or box-shadow).
export async function tabWalk(page, { max = 60 } = {}) {
  const seen = [];
  await page.evaluate(() => { document.activeElement && document.activeElement.blur && document.activeElement.blur(); window.focus(); });
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      let a = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      if (!a || a === document.body) return null;
      const cs = getComputedStyle(a);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1;
      const shadow = cs.boxShadow && cs.boxShadow !== 'none';
      const key = a.id || (a.getAttribute('aria-label') || a.textContent || a.tagName).trim().slice(0, 40);
      return { key, tag: a.tagName.toLowerCase(), visibleFocus: outline || shadow, focusVisible: a.matches(':focus-visible') };
    });
    if (!f) continue;
    if (seen.length && seen[0].key === f.key && seen[0].tag === f.tag) break;
    seen.push(f);
  }
  return seen;
}

// Interactive, visible elements of a page that keyboard users must reach.
export const interactive = (page) => page.evaluate(() => [...document.querySelectorAll(
  'a[href], button, input, textarea, select, [tabindex]:not([tabindex="-1"])')]
  .filter((e) => !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
  .map((a) => ({ key: a.id || (a.getAttribute('aria-label') || a.textContent || a.tagName).trim().slice(0, 40), tag: a.tagName.toLowerCase() })));

let messages;
export function msg(key, ...subs) {
  if (!messages) messages = JSON.parse(readFileSync(join(DIST_CHROME, '_locales/en_GB/messages.json'), 'utf8'));
  const m = messages[key];
  if (!m) throw new Error(`no message ${key}`);
  let text = m.message;
  const ph = m.placeholders || {};
  for (const [name, def] of Object.entries(ph)) {
    const idx = Number(String(def.content).replace('$', '')) - 1;
    text = text.replace(new RegExp(`\\$${name}\\$`, 'gi'), subs[idx] ?? '');
  }
  return text.replace(/\$\$/g, '$');
}
