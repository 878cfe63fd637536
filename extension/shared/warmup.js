// @ts-check
/**
 * Fixed samples (not anyone's draft) used to warm the engine up and to verify a restored engine
 * state. Shared by the service worker and the build (scripts/extension-wasm-snapshot.mjs).
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
