#!/usr/bin/env bash
# The performance report: one table, printed and written to bench/RESULTS.md with the machine and
# date. Called by `./build.sh bench` after the CLI, the wasm engine and the extensions are built.
#
#   1. native check() medians (criterion) for 280 / 2,000 / 63,206-character posts
#   2. the same inputs through the shipped, wasm-opt'd .wasm in Node, and the wasm/native ratio
#   3. the shipped .wasm size (raw, gzip -9) and each extension zip
#   4. service-worker cold start, keystroke-to-underline p50/p95, and the first paste to underline
#      after a browser start, fresh profiles and restarts (tests/e2e/bench, headless Chromium)
#   5. `postcare check --jsonl` throughput on the dev corpus
#   6. the same corpus through the peer baseline (Presidio's pattern recognizers), and the ratio
#   7. linear growth: the median at 1x, 4x and 16x a long post, and the cost per byte
#
# A figure that cannot be measured is reported as not measured, with the reason; nothing is
# estimated. Environment knobs: BENCH_WARMUP and BENCH_MEASURE (criterion seconds, default 2
# and 4), BENCH_CORPUS (a JSON Lines corpus), BENCH_REPEAT (corpus copies fed to the CLI, 200).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ROOT=$PWD
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --locked | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
WORK=$TARGET_DIR/postcare-bench
rm -rf "$WORK"
mkdir -p "$WORK"
# Each part leaves a JSON file in $WORK; a part that cannot run leaves {"skipped": "why"}.
skip() { node -e 'console.log(JSON.stringify({skipped: process.argv[1]}))' "$2" > "$WORK/$1.json"; echo "skipped: $2" >&2; }

step "Bench: machine"
node - "$WORK/machine.json" <<'EOF'
const fs = require('fs'), os = require('os'), { execSync } = require('child_process');
const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
const model = (cpuinfo.match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model || 'unknown';
const sh = (c) => { try { return execSync(c, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'unknown'; } };
const m = {
  cores: Number(sh('nproc')) || os.cpus().length,
  cpu: model.trim(),
  memory_gib: +(os.totalmem() / 2 ** 30).toFixed(1),
  kernel: os.release(),
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  loadavg_start: os.loadavg().map((x) => +x.toFixed(2)),
  commit: sh('git rev-parse --short HEAD') + (sh('git status --porcelain --untracked-files=no') ? ' (+ uncommitted changes)' : ''),
  rustc: sh('rustc --version'),
  node: process.version,
};
fs.writeFileSync(process.argv[2], JSON.stringify(m));
console.log(`${m.cores} cores, ${m.cpu}, load ${m.loadavg_start.join(' ')}, ${m.date}`);
EOF

# --- 1 and 7: criterion ---------------------------------------------------------------------
step "Bench: native check() (criterion)"
# Criterion writes under $CRITERION_HOME: a folder of this run's own, so neither an earlier run
# nor someone else's `cargo bench` at the same time can leave figures in it.
export CRITERION_HOME=$WORK/criterion
if cargo bench --locked -p postcare-core --bench check -- \
    --warm-up-time "${BENCH_WARMUP:-2}" --measurement-time "${BENCH_MEASURE:-4}" 2>&1 | tee "$WORK/criterion.log"; then
  node - "$CRITERION_HOME" "$WORK/criterion.json" <<'EOF'
const fs = require('fs'), path = require('path');
const [dir, out] = process.argv.slice(2);
const ids = { check: ['280', '2000', '63206'], growth: ['1x', '4x', '16x'] };
const res = {};
for (const [group, names] of Object.entries(ids)) {
  for (const name of names) {
    const base = path.join(dir, group, name, 'new');
    const est = JSON.parse(fs.readFileSync(path.join(base, 'estimates.json'), 'utf8'));
    const meta = JSON.parse(fs.readFileSync(path.join(base, 'benchmark.json'), 'utf8'));
    res[`${group}/${name}`] = {
      median_ns: est.median.point_estimate,
      median_ci_ns: [est.median.confidence_interval.lower_bound, est.median.confidence_interval.upper_bound],
      bytes: meta.throughput ? (meta.throughput.Bytes ?? meta.throughput.BytesDecimal ?? null) : null,
    };
  }
}
fs.writeFileSync(out, JSON.stringify(res));
EOF
else
  skip criterion "cargo bench failed (see $WORK/criterion.log)"
fi

# --- 2 and 3: the shipped .wasm -----------------------------------------------------------------
step "Bench: shipped .wasm in Node"
WASM=dist/chrome/wasm/postcare_wasm_bg.wasm
GLUE=extension/generated/postcare_wasm.js   # wasm-bindgen's glue; esbuild bundles it into background.js
if [ ! -f "$WASM" ]; then
  skip wasm "no $WASM: the extension has not been built (scripts/build-extension.sh)"
  skip sizes "no $WASM: the extension has not been built (scripts/build-extension.sh)"
else
  if [ -f dist/firefox/wasm/postcare_wasm_bg.wasm ] && ! cmp -s "$WASM" dist/firefox/wasm/postcare_wasm_bg.wasm; then
    echo "warning: the Chrome and Firefox builds ship different .wasm files; measuring Chrome's" >&2
  fi
  zip_size() { if [ -f "$1" ]; then stat -c %s "$1"; else echo null; fi; }
  printf '{"wasm": "%s", "built": "%s", "raw": %s, "gzip9": %s, "chrome_zip": %s, "firefox_zip": %s}\n' \
    "$WASM" "$(date -u -r "$WASM" '+%Y-%m-%dT%H:%M:%SZ')" "$(stat -c %s "$WASM")" "$(gzip -9 -c "$WASM" | wc -c)" \
    "$(zip_size dist/postcare-chrome.zip)" "$(zip_size dist/postcare-firefox.zip)" > "$WORK/sizes.json"
  if [ ! -f "$GLUE" ]; then
    skip wasm "no $GLUE (wasm-bindgen glue) to load the module with"
  elif node bench/wasm-bench.mjs --wasm "$WASM" --glue "$GLUE" --bench-src crates/core/benches/check.rs \
      --write-inputs "$WORK/inputs.jsonl" > "$WORK/wasm.json"; then
    # The native engine must find the same things in the same texts: the same engine, same inputs.
    if [ -x target/release/postcare ]; then
      target/release/postcare check --jsonl < "$WORK/inputs.jsonl" > "$WORK/inputs.native.jsonl" || [ $? -eq 1 ]
    fi
  else
    skip wasm "bench/wasm-bench.mjs failed on $WASM"
  fi
fi

# --- 4: browser latency (tests/e2e/bench) ------------------------------------------------------
step "Bench: service-worker cold start and keystroke-to-underline (headless Chromium)"
LATENCY=tests/e2e/artifacts/latency.json
rm -f "$LATENCY"
bash tests/e2e/run.sh bench/latency.bench.mjs || echo "tests/e2e/bench/latency.bench.mjs failed" >&2
if [ -f "$LATENCY" ]; then
  node -e '
    const fs = require("fs");
    const s = fs.statSync(process.argv[1]);
    console.log(JSON.stringify({ file: process.argv[1], mtime: s.mtime.toISOString(), data: JSON.parse(fs.readFileSync(process.argv[1], "utf8")) }));
  ' "$LATENCY" > "$WORK/latency.json"
else
  skip latency "tests/e2e/bench/latency.bench.mjs wrote no $LATENCY"
fi

FIRST=tests/e2e/artifacts/first-check.json
rm -f "$FIRST"
step "Bench: first paste to underline after a browser start (headless Chromium)"
bash tests/e2e/run.sh bench/first-check.bench.mjs || echo "tests/e2e/bench/first-check.bench.mjs failed" >&2
if [ -f "$FIRST" ]; then
  cp "$FIRST" "$WORK/first-check.json"
else
  skip first-check "tests/e2e/bench/first-check.bench.mjs wrote no $FIRST"
fi

# --- 5: CLI throughput on the dev corpus -------------------------------------------------------
step "Bench: postcare check --jsonl on the dev corpus"
CORPUS=${BENCH_CORPUS:-}
if [ -z "$CORPUS" ]; then
  for c in tests/dev.jsonl ../shared/corpus/dev.jsonl; do
    if [ -f "$c" ]; then CORPUS=$c; break; fi
  done
fi
REPEAT=${BENCH_REPEAT:-200}
if [ -z "$CORPUS" ] || [ ! -f "$CORPUS" ]; then
  skip cli "no dev corpus (looked for tests/dev.jsonl and ../shared/corpus/dev.jsonl)"
  skip peer "no dev corpus (looked for tests/dev.jsonl and ../shared/corpus/dev.jsonl)"
elif [ ! -x target/release/postcare ]; then
  skip cli "target/release/postcare is not built"
else
  POSTS=$(grep -c . "$CORPUS")
  for _ in $(seq "$REPEAT"); do cat "$CORPUS"; done > "$WORK/corpus.repeated.jsonl"
  target/release/postcare check --jsonl < "$CORPUS" > /dev/null || [ $? -eq 1 ]   # warm the page cache
  RUNS=()
  for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    target/release/postcare check --jsonl < "$WORK/corpus.repeated.jsonl" > "$WORK/cli.out.jsonl" || [ $? -eq 1 ]
    t1=$(date +%s%N)
    RUNS+=($((t1 - t0)))
  done
  LINES=$(wc -l < "$WORK/cli.out.jsonl")
  ERRORS=$(grep -c '"error"' "$WORK/cli.out.jsonl" || true)
  FLAGGED=$(head -n "$POSTS" "$WORK/cli.out.jsonl" | grep -c '"findings":\[{' || true)
  node -e '
    const [corpus, posts, repeat, lines, errors, flagged, ...runs] = process.argv.slice(1);
    const ns = runs.map(Number).sort((a, b) => a - b);
    const med = ns[ns.length >> 1];
    const total = Number(posts) * Number(repeat);
    console.log(JSON.stringify({ corpus, posts: Number(posts), repeat: Number(repeat), total_posts: total,
      output_lines: Number(lines), errors: Number(errors), posts_with_findings: Number(flagged),
      runs_ns: ns, median_ns: med, posts_per_second: total / (med / 1e9) }));
  ' "$CORPUS" "$POSTS" "$REPEAT" "$LINES" "$ERRORS" "$FLAGGED" "${RUNS[@]}" > "$WORK/cli.json"
  cat "$WORK/cli.json"
fi

# --- 6: the peer, Presidio's pattern recognizers ------------------------------------------------
step "Bench: peer baseline (Presidio pattern recognizers)"
VENV=bench/.venv
peer_ready() { [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import presidio_analyzer' 2>/dev/null; }
if [ -n "$CORPUS" ] && [ -f "$CORPUS" ]; then
  if ! peer_ready; then
    rm -rf "$VENV"
    if ! python3 -m venv "$VENV" 2>"$WORK/venv.log"; then
      rm -rf "$VENV"
      ensure_apt python3-venv || true
      python3 -m venv "$VENV" 2>>"$WORK/venv.log" || true
    fi
    if [ -x "$VENV/bin/pip" ]; then
      "$VENV/bin/pip" install --quiet --disable-pip-version-check -r bench/peer/requirements.txt 2>&1 | tail -5 || true
    fi
  fi
  if peer_ready; then
    if "$VENV/bin/python" bench/peer/presidio_bench.py "$CORPUS" --min-seconds 3 > "$WORK/peer.json"; then
      cat "$WORK/peer.json"
    else
      skip peer "bench/peer/presidio_bench.py failed"
    fi
  else
    skip peer "presidio-analyzer could not be installed into $VENV (python3 -m venv, then pip install -r bench/peer/requirements.txt)"
  fi
fi

# --- the table --------------------------------------------------------------------------------
step "Bench: report"
node - "$WORK/machine.json" >/dev/null <<'EOF'
const fs = require('fs'), os = require('os');
const m = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
m.loadavg_end = os.loadavg().map((x) => +x.toFixed(2));
fs.writeFileSync(process.argv[2], JSON.stringify(m));
EOF
node bench/report.mjs "$WORK" bench/RESULTS.md
