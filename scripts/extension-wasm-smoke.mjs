// Loads the shipped (wasm-opt'd) engine in Node through the same wasm-bindgen glue the service
// worker uses, and checks a draft with an emoji before a CHI number: the finding's UTF-16 span
// must cover exactly the number.
// Usage: node scripts/extension-wasm-smoke.mjs extension/generated [--quick]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const dir = resolve(process.argv[2] || 'extension/generated');
const quick = process.argv.includes('--quick');
const glue = await import(pathToFileURL(join(dir, 'postcare_wasm.js')).href);
const bytes = readFileSync(join(dir, 'postcare_wasm_bg.wasm'));
const t0 = performance.now();
glue.initSync({ module: bytes });
glue.load_rules(readFileSync(join(dir, 'rules.bin'), 'utf8'));
glue.load_model(readFileSync(join(dir, 'model.bin')));
const t1 = performance.now();

const text = 'Had a lovely day 😀🎉 with a resident, CHI 1904851231, at the home';
const report = glue.check(text, { watchlist: [], disabled: [] });
const t2 = performance.now();
assert.ok(Array.isArray(report.findings), 'check returns {findings: [...]}');
const start = text.indexOf('1904851231');
const hit = report.findings.find((f) => f.start <= start && f.end >= start + 10);
assert.ok(hit, `a finding covers the CHI number at UTF-16 ${start}: ${JSON.stringify(report.findings.map((f) => [f.rule, f.start, f.end]))}`);
assert.equal(typeof hit.title, 'string');
assert.ok(['warn', 'caution'].includes(hit.severity));
const g = glue.guidance();
assert.ok(Array.isArray(g.areas) && g.areas.length >= 3, 'guidance() has the three areas');
console.log(`wasm smoke: loaded in ${(t1 - t0).toFixed(1)} ms, first check ${(t2 - t1).toFixed(1)} ms, ` +
  `${report.findings.length} findings, CHI span ${hit.start}..${hit.end} (rule ${hit.rule})`);

if (!quick) {
  const benign = glue.check('Lovely sunny walk by the loch today 🌞', undefined);
  assert.equal(benign.findings.length, 0, 'a benign draft has no findings');
  // Accents before the span: one UTF-16 unit each.
  const accented = 'Mòrag’s café ☕ — CHI 1904851231';
  const r = glue.check(accented, null);
  const s = accented.indexOf('1904851231');
  assert.ok(r.findings.some((f) => f.start <= s && f.end >= s + 10), 'CHI span after accents and an emoji');
  for (const f of r.findings) assert.ok(f.end <= accented.length && f.start <= f.end);
  let n = 0;
  const t3 = performance.now();
  for (let i = 0; i < 200; i++) n += glue.check(text, null).findings.length;
  const per = (performance.now() - t3) / 200;
  console.log(`wasm smoke: ${per.toFixed(2)} ms per check (${n > 0 ? 'ok' : 'none'})`);
}
