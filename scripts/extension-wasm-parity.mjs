// The shipped WebAssembly engine, learned layer included, gives the same findings as the native
// `postcare` command: same rules, same spans (the command's UTF-8 offsets converted to the UTF-16
// units JavaScript uses), on every post of a labelled corpus.
// Usage: node scripts/extension-wasm-parity.mjs extension/generated CORPUS.jsonl target/release/postcare
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dirArg, corpus, cli] = process.argv.slice(2);
const dir = resolve(dirArg || 'extension/generated');
const glue = await import(pathToFileURL(join(dir, 'postcare_wasm.js')).href);
glue.initSync({ module: readFileSync(join(dir, 'postcare_wasm_bg.wasm')) });
glue.load_rules(readFileSync(join(dir, 'rules.bin'), 'utf8'));
glue.load_model(readFileSync(join(dir, 'model.bin')));

// Posts as the extension would send them: the corpus's photo convention is the command's alone.
const posts = readFileSync(corpus, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
  .filter((p) => !p.text.trimStart().startsWith('📸'))
  .map(({ id, text, watchlist, context, to }) => ({ id, text, watchlist: watchlist || [], context, to }));
const input = posts.map((p) => JSON.stringify(p)).join('\n') + '\n';
let out = '';
try {
  out = execFileSync(cli, ['check', '--jsonl'], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
} catch (e) {
  out = e.stdout; // exit status 1 means "findings", not failure
}
const native = new Map(out.trim().split('\n').map((l) => { const r = JSON.parse(l); return [String(r.id), r]; }));
const utf16 = (text, byte) => Buffer.from(text, 'utf8').subarray(0, byte).toString('utf8').length;
const key = (f) => `${f.rule}@${f.start}-${f.end}`;
let differ = 0;
let learned = 0;
for (const p of posts) {
  const options = { watchlist: p.watchlist, context: p.context || 'post', to: p.to || [] };
  const wasm = glue.check(p.text, options).findings.map(key).sort();
  const mine = native.get(String(p.id)).findings.map((f) => key({ ...f, start: utf16(p.text, f.start), end: utf16(p.text, f.end) })).sort();
  learned += wasm.filter((k) => k.includes('.learned@')).length;
  if (wasm.join() !== mine.join()) {
    differ++;
    if (differ <= 5) console.error(`post ${p.id}: wasm ${wasm.join(' ')} | native ${mine.join(' ')}`);
  }
}
console.log(`wasm parity: ${posts.length} posts, ${differ} differ, ${learned} learned-layer findings in both`);
if (differ > 0 || learned === 0) process.exit(1);
