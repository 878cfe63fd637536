// Turns the JSON files scripts/bench.sh leaves in its work folder into one table: printed on
// stdout, and written with the machine, the date and the method notes to bench/RESULTS.md.
//   node bench/report.mjs WORK_DIR bench/RESULTS.md
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [work, outFile] = process.argv.slice(2);
const load = (name) => {
  const p = join(work, `${name}.json`);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : { skipped: `${name}.json was not written (the part did not run)` };
};
const machine = load('machine');
const crit = load('criterion');
const wasm = load('wasm');
const sizes = load('sizes');
const latency = load('latency');
const first = load('first-check');
const cli = load('cli');
const peer = load('peer');

const rows = [];
const notes = [];
const row = (measure, result, target, status) => rows.push({ measure, result, target, status });
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
const fmtTime = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);
const fmtInt = (n) => Math.round(n).toLocaleString('en-GB');
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
const notMeasured = (why) => `not measured: ${why}`;

// 1. Native check() medians.
const INPUTS = [
  ['280', '280-char post (SHORT)', 20e3],
  ['2000', '2,000-char post', 100e3],
  ['63206', '63,206-char post', 3e6],
];
for (const [id, label, target] of INPUTS) {
  const r = crit[`check/${id}`];
  if (r) row(`1. Native check(), ${label}`, `${fmtTime(r.median_ns)} median`, `≤ ${fmtTime(target)}`, verdict(r.median_ns <= target));
  else row(`1. Native check(), ${label}`, notMeasured(crit.skipped || 'no criterion result'), `≤ ${fmtTime(target)}`, '—');
}

// 2. Wasm check() medians and the ratio to native. First, is it the same engine? The native CLI
// must find the same things in the same texts, or the .wasm in dist/ is from older sources.
let sameEngine = null;
const nativeOut = join(work, 'inputs.native.jsonl');
if (wasm.results && existsSync(nativeOut)) {
  const counts = Object.fromEntries(readFileSync(nativeOut, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.id, r.findings.length]));
  sameEngine = INPUTS.every(([id]) => counts[id] === wasm.results[id].findings);
  const list = INPUTS.map(([id]) => `${id}: ${wasm.results[id].findings} wasm / ${counts[id]} native`).join(', ');
  notes.push(sameEngine
    ? `Same engine check: the wasm module and \`target/release/postcare\` report the same number of findings on each input (${list}).`
    : `WARNING: the shipped .wasm and \`target/release/postcare\` disagree on the findings (${list}): the .wasm in dist/ was not built from the same sources as the CLI, so its timings are not compared (run ./build.sh bench, which rebuilds both).`);
}
for (const [id, label] of INPUTS) {
  const w = wasm.results?.[id];
  const n = crit[`check/${id}`];
  const measure = `2. Wasm check() (Node), ${label}`;
  const target = 'wasm/native ≤ 2.5×';
  if (!w) row(measure, notMeasured(wasm.skipped || 'no result'), target, '—');
  else if (n && n.bytes != null && n.bytes !== w.bytes) row(measure, notMeasured(`the wasm input is ${w.bytes} bytes, criterion's ${n.bytes}: not the same text`), target, '—');
  else if (!n) row(measure, `${fmtTime(w.median_ns)} median; no native figure to compare`, target, '—');
  else if (sameEngine === false) row(measure, `${fmtTime(w.median_ns)} median from a stale .wasm (findings differ from native); no ratio`, target, '—');
  else {
    const ratio = w.median_ns / n.median_ns;
    row(measure, `${fmtTime(w.median_ns)} median, ${ratio.toFixed(2)}× native`, target, verdict(ratio <= 2.5));
  }
}
if (wasm.results) {
  notes.unshift(`Wasm: \`${wasm.wasm.replace(/^.*?(dist\/)/, '$1')}\` (the shipped, wasm-opt'd module) loaded in Node ${wasm.node} through wasm-bindgen's glue (\`${wasm.glue.replace(/^.*?(extension\/)/, '$1')}\`, which esbuild bundles into the service worker); instantiation took ${wasm.instantiate_ms.toFixed(1)} ms and the first check ${wasm.first_check_ms.toFixed(1)} ms. Each timed call is the exported \`check(text, options)\` the service worker makes, so it includes copying the text into wasm, UTF-16 spans and building the JS result; criterion times the engine alone. Inputs are SHORT and \`long_post(len)\` read out of \`crates/core/benches/check.rs\` and rebuilt byte for byte (the byte counts match criterion's throughput figures), with the same watch-list (${wasm.watchlist.join(', ')}). Median of ${Object.values(wasm.results)[0].samples} samples of batched calls, after a 1 s warm-up.`);
}

// 3. Sizes.
if (sizes.raw != null) {
  const stale = sameEngine === false ? ' (the stale build now in dist/, see the warning)' : '';
  row('3. Shipped .wasm size', `${kib(sizes.raw)} raw, ${kib(sizes.gzip9)} gzip -9${stale}`, '≤ 350 KiB gzipped', verdict(sizes.gzip9 <= 350 * 1024) + (stale ? ' (stale build)' : ''));
  if (sizes.built) notes.push(`Sizes: \`${sizes.wasm}\` as built at ${sizes.built}.`);
  for (const [key, name] of [['chrome_zip', 'dist/postcare-chrome.zip'], ['firefox_zip', 'dist/postcare-firefox.zip']]) {
    row(`3. Extension zip, ${name}`, sizes[key] == null ? notMeasured(`${name} is missing`) : kib(sizes[key]) + stale, 'no target (reported)', '—');
  }
} else {
  row('3. Shipped .wasm size', notMeasured(sizes.skipped), '≤ 350 KiB gzipped', '—');
  row('3. Extension zips', notMeasured(sizes.skipped), 'no target (reported)', '—');
}

// 4. Browser latency, from tests/e2e/bench/latency.bench.mjs.
function flatten(value, path = [], out = []) {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, [...path, k], out);
  } else out.push([path.join('.'), value]);
  return out;
}
if (latency.data) {
  const flat = flatten(latency.data);
  const nums = flat.filter(([, v]) => typeof v === 'number');
  const pick = (re, prefer = [/p50|median/i, /./]) => {
    const hits = nums.filter(([p]) => re.test(p));
    for (const pr of prefer) {
      const h = hits.find(([p]) => pr.test(p.split('.').pop()) || pr.test(p));
      if (h) return h;
    }
    return null;
  };
  const cold = pick(/cold/i, [/p50|median/i, /ms$/i, /./]);
  const key = /keystroke|underline|typing|keypress/i;
  const p50 = nums.find(([p]) => key.test(p) && /p50|median/i.test(p)) || nums.find(([p]) => /(^|\.)p50/i.test(p) && !/cold/i.test(p));
  const p95 = nums.find(([p]) => key.test(p) && /p95/i.test(p)) || nums.find(([p]) => /(^|\.)p95/i.test(p) && !/cold/i.test(p));
  const count = nums.find(([p]) => /(keystrokes|count|samples|(^|\.)n)$/i.test(p) && !/cold/i.test(p));
  const fixture = flat.find(([p, v]) => typeof v === 'string' && /fixture|site|surface|editor/i.test(p));
  const where = `tests/e2e/artifacts/latency.json, written ${latency.mtime}`;
  if (cold) row('4. Service-worker cold start to first result', `${cold[1].toFixed(1)} ms (\`${cold[0]}\`)`, '≤ 100 ms', verdict(cold[1] <= 100));
  else row('4. Service-worker cold start to first result', notMeasured('latency.json has no cold-start figure'), '≤ 100 ms', '—');
  if (p50 && p95) {
    const n = count ? count[1] : null;
    const enough = n == null || n >= 200;
    const extra = `${n == null ? ', keystroke count not recorded' : `, ${fmtInt(n)} keystrokes`}${fixture ? `, ${fixture[1]}` : ''}`;
    row('4. Keystroke to underline', `p50 ${p50[1].toFixed(1)} ms, p95 ${p95[1].toFixed(1)} ms${extra}`, 'p95 ≤ 150 ms over ≥ 200 keystrokes', enough ? verdict(p95[1] <= 150) : 'MISS (too few keystrokes)');
  } else {
    row('4. Keystroke to underline', notMeasured('latency.json has no p50/p95'), 'p95 ≤ 150 ms over ≥ 200 keystrokes', '—');
  }
  notes.push(`Browser latency is read from ${where} (headless Chromium, measured by \`tests/e2e/bench/latency.bench.mjs\` during this run). Fields used: ${[cold, p50, p95, count].filter(Boolean).map(([p]) => `\`${p}\``).join(', ')}.`);
} else {
  row('4. Service-worker cold start to first result', notMeasured(latency.skipped), '≤ 100 ms', '—');
  row('4. Keystroke to underline (Lexical fixture)', notMeasured(latency.skipped), 'p95 ≤ 150 ms over ≥ 200 keystrokes', '—');
}

// 4. The first check after a browser start: fresh profiles, and restarts of one profile.
for (const [key, label] of [['freshProfileMs', 'fresh profiles'], ['restartMs', 'restarts of one profile']]) {
  const r = first[key];
  const measure = `4. First paste to underline after a browser start, ${label}`;
  const target = 'median ≤ 400 ms over ≥ 5 launches';
  if (!r) row(measure, notMeasured(first.skipped || 'no result'), target, '—');
  else if (r.median == null) row(measure, `no underline within 15 s in ${r.missed} of ${r.runs.length} launches`, target, 'MISS');
  else row(measure, `median ${r.median.toFixed(0)} ms, max ${r.max.toFixed(0)} ms over ${r.runs.length} launches${r.missed ? `, ${r.missed} without an underline` : ''} (${r.runs.map((x) => (x == null ? '—' : x.toFixed(0))).join(', ')})`, target,
    r.runs.length >= 5 && !r.missed ? verdict(r.median <= 400) : 'MISS (too few launches)');
}
if (first.note) notes.push(`First check after a browser start (\`tests/e2e/bench/first-check.bench.mjs\`, fixture ${first.surface}): ${first.note}.`);

// 5 and 6. Corpus throughput, ours and the peer's.
if (cli.posts_per_second) {
  row('5. `postcare check --jsonl`, dev corpus', `${fmtInt(cli.posts_per_second)} posts/s`, 'no target of its own (see 6)', '—');
  notes.push(`CLI throughput: \`${cli.corpus}\` (${cli.posts} posts, ${cli.posts_with_findings} with findings) repeated ${cli.repeat} times, ${fmtInt(cli.total_posts)} posts piped through one \`target/release/postcare check --jsonl\` process; median wall time of 5 runs (${cli.runs_ns.map((n) => `${(n / 1e6).toFixed(0)} ms`).join(', ')}), including process start, rule compilation and JSON in and out. ${cli.output_lines} output lines, ${cli.errors} errors.`);
} else {
  row('5. `postcare check --jsonl`, dev corpus', notMeasured(cli.skipped), 'no target of its own (see 6)', '—');
}
if (peer.posts_per_second) {
  const ratio = cli.posts_per_second ? cli.posts_per_second / peer.posts_per_second : null;
  row(`6. Peer: Presidio ${peer.version} pattern recognizers, same corpus`, `${fmtInt(peer.posts_per_second)} posts/s${ratio ? `; postcare is ${ratio.toFixed(1)}× faster` : ''}`, '≥ 100× the peer', ratio ? verdict(ratio >= 100) : '—');
  notes.push(`Peer: PyPI \`presidio-analyzer\` ${peer.version} (Python ${peer.python}) in \`bench/.venv\`, recognizers ${peer.recognizers.join(', ')}${peer.missing_recognizers.length ? ` (not in this version: ${peer.missing_recognizers.join(', ')})` : ''}; PhoneRecognizer limited to region GB. No spaCy model: each recognizer is called directly as \`${peer.mode}\`, the cheapest way Presidio runs them, and only the analysis loop is timed (median of 3 passes of ≥ 3 s over the ${peer.posts} posts), so the ratio is a lower bound.${peer.analyzer_engine_posts_per_second ? ` Behind \`AnalyzerEngine\` with a model-free stub NLP engine the same recognizers manage ${fmtInt(peer.analyzer_engine_posts_per_second)} posts/s.` : ''} Presidio flags ${peer.posts_with_a_result} of the ${peer.posts} posts.`);
} else {
  row('6. Peer: Presidio pattern recognizers, same corpus', notMeasured(peer.skipped), '≥ 100× the peer', '—');
}

// 7. Linear growth.
const g = ['1x', '4x', '16x'].map((f) => [f, crit[`growth/${f}`]]);
if (g.every(([, r]) => r && r.bytes)) {
  const perByte = g.map(([f, r]) => [f, r.median_ns / r.bytes]);
  const base = perByte[0][1];
  const worst = Math.max(...perByte.map(([, c]) => c / base));
  row('7. Growth: 1×, 4×, 16× a 63,206-char post',
    g.map(([f, r], i) => `${f} ${fmtTime(r.median_ns)} (${perByte[i][1].toFixed(2)} ns/byte)`).join('; '),
    'linear: ns/byte at 4× and 16× ≤ 1.5× that at 1×',
    verdict(worst <= 1.5));
} else {
  row('7. Growth: 1×, 4×, 16× a 63,206-char post', notMeasured(crit.skipped || 'no criterion growth result'), 'linear: ns/byte at 4× and 16× ≤ 1.5× that at 1×', '—');
}
if (crit['check/280']) {
  notes.push(`Native: criterion medians from \`cargo bench -p postcare-core --bench check\` (\`target/postcare-bench/criterion/*/new/estimates.json\`, this run's own \`CRITERION_HOME\`), release profile (LTO, one codegen unit), watch-list of two names. 95% confidence intervals of the medians: ${Object.entries(crit).map(([k, r]) => `${k} ${fmtTime(r.median_ci_ns[0])}–${fmtTime(r.median_ci_ns[1])}`).join('; ')}.`);
}

// The table.
const esc = (s) => String(s).replace(/\|/g, '\\|');
const table = [
  '| Measure | Result | Target | Status |',
  '| --- | --- | --- | --- |',
  ...rows.map((r) => `| ${esc(r.measure)} | ${esc(r.result)} | ${esc(r.target)} | ${r.status} |`),
].join('\n');
const misses = rows.filter((r) => r.status.startsWith('MISS')).length;
const passes = rows.filter((r) => r.status === 'PASS').length;
const unmeasured = rows.filter((r) => r.result.startsWith('not measured')).length;
const head = `Machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memory_gib} GiB, Linux ${machine.kernel}; ${machine.rustc}; Node ${machine.node}\n` +
  `Date: ${machine.date}; commit ${machine.commit}; load average ${machine.loadavg_start?.join(' ')} at the start, ${machine.loadavg_end?.join(' ') ?? '?'} at the end`;
const summary = `${passes} PASS, ${misses} MISS, ${unmeasured} not measured.`;

console.log(`\n${head}\n\n${table}\n\n${summary}`);
for (const n of notes.filter((x) => x.startsWith('WARNING'))) console.log(n);

const md = `# Post with Care: performance report

Written by \`./build.sh bench\` (\`scripts/bench.sh\`); every figure below is from that one run.

${head.split('\n').map((l) => `- ${l}`).join('\n')}

${table}

${summary}

## How each figure was taken

${notes.map((n) => `- ${n}`).join('\n')}
- The load average above is the machine's (1, 5 and 15 minutes): on a shared machine, other work running at the same time slows every figure.
`;
writeFileSync(outFile, md);
