// Times the shipped, wasm-opt'd engine in Node on the same inputs as the criterion benchmark.
//
//   node bench/wasm-bench.mjs --wasm dist/chrome/wasm/postcare_wasm_bg.wasm \
//        --glue extension/generated/postcare_wasm.js --bench-src crates/core/benches/check.rs
//
// The inputs are not copied by hand: SHORT and the PARAGRAPHS that long_post() builds from are
// read out of crates/core/benches/check.rs, and long_post() is reproduced byte for byte (lengths
// are in UTF-8 bytes, cut on a character boundary, as in Rust). The watch-list is the one the
// criterion benchmark uses. Each measurement calls the exported `check(text, options)`, the same
// call the service worker makes, so it includes passing the text into wasm and building the JS
// findings object (the criterion figure is the engine alone).
//
// Method, like criterion's: warm up, then SAMPLES samples of a batch of iterations sized to take
// about TARGET_MS each; the reported figure is the median of the per-iteration sample means.
// Prints one JSON object on stdout.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const wasmPath = resolve(arg('--wasm', 'dist/chrome/wasm/postcare_wasm_bg.wasm'));
const gluePath = resolve(arg('--glue', 'extension/generated/postcare_wasm.js'));
const benchSrc = resolve(arg('--bench-src', 'crates/core/benches/check.rs'));
const SAMPLES = Number(arg('--samples', '60'));
const TARGET_MS = Number(arg('--sample-ms', '25'));
const WARMUP_MS = Number(arg('--warmup-ms', '1000'));

// --- the criterion inputs, read from the Rust source -------------------------------------------

/** Decodes the body of a Rust "..." literal (the escapes Rust allows in one). */
function rustString(body) {
  return body.replace(/\\(u\{([0-9a-fA-F]+)\}|x([0-9a-fA-F]{2})|n|r|t|0|\\|"|'|\n\s*)/g, (m, _e, u, x) => {
    if (u) return String.fromCodePoint(parseInt(u, 16));
    if (x) return String.fromCharCode(parseInt(x, 16));
    switch (m[1]) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case '0': return '\0';
      case '\\': return '\\';
      case '"': return '"';
      case "'": return "'";
      default: return ''; // backslash-newline: the line continuation skips leading whitespace
    }
  });
}

const LITERAL = /"((?:[^"\\]|\\[\s\S])*)"/g;
const src = readFileSync(benchSrc, 'utf8');
const shortMatch = src.match(/const SHORT: &str = "((?:[^"\\]|\\[\s\S])*)";/);
const parasMatch = src.match(/const PARAGRAPHS: &\[&str\] = &\[([\s\S]*?)\n\];/);
const watchMatch = src.match(/Options::with_watchlist\(\[([^\]]*)\]\)/);
if (!shortMatch || !parasMatch || !watchMatch) {
  throw new Error(`cannot find SHORT, PARAGRAPHS and the watch-list in ${benchSrc}; has the benchmark changed shape?`);
}
const SHORT = rustString(shortMatch[1]);
const PARAGRAPHS = [...parasMatch[1].matchAll(LITERAL)].map((m) => rustString(m[1]));
const WATCHLIST = [...watchMatch[1].matchAll(LITERAL)].map((m) => rustString(m[1]));

/** long_post(len) from check.rs: `len` UTF-8 bytes of paragraphs, cut on a char boundary. */
function longPost(len) {
  const parts = [];
  let bytes = 0;
  for (let i = 0; bytes < len; i++) {
    const piece = PARAGRAPHS[i % PARAGRAPHS.length] + '\n\n';
    parts.push(piece);
    bytes += Buffer.byteLength(piece, 'utf8');
  }
  const buf = Buffer.from(parts.join(''), 'utf8');
  let cut = len;
  while (cut < buf.length && (buf[cut] & 0xc0) === 0x80) cut--; // not a char boundary
  return buf.subarray(0, Math.min(cut, buf.length)).toString('utf8');
}

const inputs = [
  ['280', SHORT],
  ['2000', longPost(2000)],
  ['63206', longPost(63206)],
];

// --write-inputs FILE: the same texts as `postcare check --jsonl` input, so the caller can check
// the native engine finds the same things in them (same engine, same inputs).
const inputsOut = arg('--write-inputs');
if (inputsOut) {
  const lines = inputs.map(([id, text]) => JSON.stringify({ id, text, watchlist: WATCHLIST }));
  writeFileSync(inputsOut, lines.join('\n') + '\n');
}

// --- the shipped module ---------------------------------------------------------------------

const glue = await import(pathToFileURL(gluePath).href);
const bytes = readFileSync(wasmPath);
const t0 = performance.now();
glue.initSync({ module: bytes });
const instantiateMs = performance.now() - t0;
// The rules and the learned layer's weights ship beside the module, as in the extension.
glue.load_rules(readFileSync(join(dirname(wasmPath), 'rules.bin'), 'utf8'));
glue.load_model(readFileSync(join(dirname(wasmPath), 'model.bin')));
const options = { watchlist: WATCHLIST, disabled: [] };
const t1 = performance.now();
const first = glue.check('warm up', options);
const firstCheckMs = performance.now() - t1;
if (!first || !Array.isArray(first.findings)) throw new Error('check() did not return {findings: [...]}');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

let sink = 0;
function bench(text) {
  // Warm up, and learn how many iterations fill one sample.
  let iters = 0;
  const w0 = performance.now();
  while (performance.now() - w0 < WARMUP_MS) {
    sink += glue.check(text, options).findings.length;
    iters++;
  }
  const perIterMs = (performance.now() - w0) / iters;
  const batch = Math.max(1, Math.round(TARGET_MS / perIterMs));
  const samples = [];
  for (let s = 0; s < SAMPLES; s++) {
    const a = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink += glue.check(text, options).findings.length;
    const ns = Number(process.hrtime.bigint() - a);
    samples.push(ns / batch);
  }
  return { median_ns: median(samples), min_ns: Math.min(...samples), max_ns: Math.max(...samples), iters_per_sample: batch, samples: SAMPLES };
}

const results = {};
for (const [name, text] of inputs) {
  const r = bench(text);
  r.bytes = Buffer.byteLength(text, 'utf8');
  r.findings = glue.check(text, options).findings.length;
  results[name] = r;
  process.stderr.write(`wasm check/${name}: ${(r.median_ns / 1000).toFixed(2)} µs median (${r.bytes} bytes, ${r.findings} findings)\n`);
}

console.log(JSON.stringify({
  wasm: wasmPath,
  glue: gluePath,
  node: process.version,
  instantiate_ms: instantiateMs,
  first_check_ms: firstCheckMs,
  watchlist: WATCHLIST,
  results,
  sink,
}));
