// Pre-initialises the engine at build time, like Wizer: loads the shipped .wasm in Node, lets the
// engine compile its rules (a fixed warm-up sample, no draft), and saves its linear memory. The
// service worker copies that memory into a fresh instance after a cold start instead of compiling
// the rules again, then checks a probe against the fingerprint saved here, and falls back to a
// normal start on any mismatch (extension/background/engine.js).
//
// Usage: node scripts/extension-wasm-snapshot.mjs extension/generated OUT_FILE MODEL_FILE
// The learned layer's weights (MODEL_FILE) are installed before the warm-up, so they are part of
// the saved memory too.
// Output (uncompressed: the extension's zip compresses it, and a cold worker then skips a
// decompression on its critical path): "PCS2" | u32 header length | header (JSON) | memory up to its last non-zero byte
// The header records the memory and module sizes, the probe's fingerprint, and wasm-bindgen's
// externref table: its length (the allocator in memory remembers it) and the JS strings the
// bindings cache there (field names); nothing else may be live in it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WARM_UP, PROBE, fingerprint, restore } from '../extension/shared/warmup.js';

const dir = resolve(process.argv[2] || 'extension/generated');
const out = process.argv[3] || join(dir, 'engine-state.bin');
const glueUrl = pathToFileURL(join(dir, 'postcare_wasm.js')).href;
const wasm = readFileSync(join(dir, 'postcare_wasm_bg.wasm'));
const model = readFileSync(process.argv[4] || join(dir, 'model.bin'));
const rules = readFileSync(join(dir, 'rules.bin'), 'utf8');

// Instance 1: warm up and capture.
const a = await import(glueUrl + '?snapshot');
const exportsA = a.initSync({ module: wasm });
a.load_rules(rules);
a.load_model(model);
a.check(WARM_UP, {});
const memory = new Uint8Array(exportsA.memory.buffer.slice(0));
let end = memory.length;
while (end > 0 && memory[end - 1] === 0) end--;
const tableA = exportsA.__wbindgen_externrefs;
/** @type {Record<string, string>} */
const strings = {};
for (let i = 0; tableA && i < tableA.length; i++) {
  const v = tableA.get(i);
  if (typeof v === 'string') strings[i] = v;
  else if (v !== null && v !== undefined && v !== true && v !== false) {
    console.error(`engine snapshot: externref slot ${i} holds a ${typeof v}; cannot snapshot`);
    process.exit(1);
  }
}
const header = { memory: memory.length, wasm: wasm.length, table: tableA ? tableA.length : 0, strings, probe: '' };
const bytes = memory.subarray(0, end);
header.probe = fingerprint(a.check(PROBE, {}));

// Instance 2 (fresh): restore and check the probe gives what the warm engine gave.
const b = await import(glueUrl + '?verify');
restore(b.initSync({ module: wasm }), header, bytes);
const got = fingerprint(b.check(PROBE, {}));
if (!header.probe || got !== header.probe) {
  console.error(`engine snapshot does not verify: ${got} != ${header.probe}`);
  process.exit(1);
}

const json = Buffer.from(JSON.stringify(header), 'utf8');
const head = Buffer.alloc(8);
head.write('PCS2', 0, 'ascii');
head.writeUInt32LE(json.length, 4);
const file = Buffer.concat([head, json, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)]);
writeFileSync(out, file);
console.log(`engine snapshot: ${memory.length} bytes of memory (${end} used), ${file.length} bytes (${gzipSync(file, { level: 9 }).length} gzip), probe ${header.probe}`);
