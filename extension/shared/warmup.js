// @ts-check
/**
 * Fixed samples (not anyone's draft) used to warm the engine up and to verify a restored engine
 * state, and the restore step itself. Shared by the service worker and the build
 * (scripts/extension-wasm-snapshot.mjs), so both restore a snapshot the same way.
 */
export const WARM_UP = 'Warm-up: Margaret at the home, CHI 1904851231, see you on shift';
export const PROBE = 'Probe 😀: Mrs Brodie (CHI 2103752341) missed her meds again at Seaforth House';

/**
 * A compact fingerprint of a report: rule and UTF-16 span of each finding.
 * @param {{findings: {rule: string, start: number, end: number}[]}} report
 */
export function fingerprint(report) {
  return report.findings.map((f) => `${f.rule}@${f.start}-${f.end}`).join(',');
}

/**
 * Copies a saved engine state into a freshly initialised instance: the externref table's strings
 * and the whole linear memory (zeroing what lies beyond the saved bytes).
 * @param {any} exports the instance's exports
 * @param {{memory: number, table: number, strings: Record<string, string>}} header
 * @param {Uint8Array} bytes
 */
export function restore(exports, header, bytes) {
  const table = exports.__wbindgen_externrefs;
  if (header.table && !table) throw new Error('no externref table');
  if (table && table.length < header.table) table.grow(header.table - table.length);
  for (const [i, s] of Object.entries(header.strings)) table.set(Number(i), s);
  const mem = exports.memory;
  if (mem.buffer.byteLength < header.memory) mem.grow((header.memory - mem.buffer.byteLength) / 65536);
  const view = new Uint8Array(mem.buffer);
  view.set(bytes, 0);
  view.fill(0, bytes.length);
}
