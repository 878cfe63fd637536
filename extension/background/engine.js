// @ts-check
/**
 * Starting the engine in the service worker.
 *
 * A cold start must give its first result quickly, but compiling the engine's rules takes several
 * hundred milliseconds in WebAssembly. So the build saves the engine's memory right after a
 * warm-up on a fixed sample (scripts/extension-wasm-snapshot.mjs, no draft involved), and a cold
 * start copies it into the fresh instance, then checks a probe against the fingerprint the build
 * recorded. If anything differs, the instance's own memory is put back and the engine warms up
 * the slow way.
 */
import init, { check, load_model, load_rules } from '../generated/postcare_wasm.js';
import { WARM_UP, PROBE, fingerprint, restore } from '../shared/warmup.js';

/**
 * @typedef {{memory: number, wasm: number, table: number, strings: Record<string, string>, probe: string}} Header
 */

/** @param {string} url @returns {Promise<{header: Header, bytes: Uint8Array} | null>} */
async function loadState(url) {
  const res = await fetch(url);
  if (!res.ok) return null;
  const data = new Uint8Array(await res.arrayBuffer());
  if (String.fromCharCode(...data.subarray(0, 4)) !== 'PCS2') return null;
  const len = new DataView(data.buffer, data.byteOffset + 4, 4).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(data.subarray(8, 8 + len)));
  return { header, bytes: data.subarray(8 + len) };
}

/**
 * Installs the learned layer's weights (already inside a restored snapshot). Without them the
 * engine still checks with its rules, so a missing or unreadable file is not an error.
 */
async function loadModel() {
  try {
    const res = await fetch(chrome.runtime.getURL('wasm/model.bin'));
    if (res.ok) load_model(new Uint8Array(await res.arrayBuffer()));
  } catch {
    // Rules alone.
  }
}

/**
 * Instantiates and readies the engine. Resolves to how it started: 'snapshot' or 'warm-up'.
 * @returns {Promise<'snapshot' | 'warm-up'>}
 */
export async function startEngine() {
  const state = loadState(chrome.runtime.getURL('wasm/engine-state.bin')).catch(() => null);
  const exports = /** @type {any} */ (await init({ module_or_path: chrome.runtime.getURL('wasm/postcare_wasm_bg.wasm') }));
  const saved = await state;
  if (saved) {
    const own = new Uint8Array(exports.memory.buffer.slice(0));
    try {
      restore(exports, saved.header, saved.bytes);
      if (fingerprint(check(PROBE, {})) === saved.header.probe) return 'snapshot';
    } catch {
      // Fall through to the slow start.
    }
    const view = new Uint8Array(exports.memory.buffer);
    view.set(own, 0);
    view.fill(0, own.length);
    const table = exports.__wbindgen_externrefs;
    for (const i of Object.keys(saved.header.strings)) table?.set(Number(i), null);
  }
  const rules = await fetch(chrome.runtime.getURL('wasm/rules.bin'));
  if (!rules.ok) throw new Error('the engine has no rules file');
  load_rules(await rules.text());
  await loadModel();
  check(WARM_UP, {});
  return 'warm-up';
}
