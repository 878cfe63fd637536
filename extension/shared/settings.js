// @ts-check
/**
 * The worker's settings, kept in chrome.storage.local only (never sync), with an employer's
 * managed settings (chrome.storage.managed, see managed_schema.json) merged over them.
 *
 * Keys (local and managed alike):
 *   watchlist: string[]           names of people the worker supports, and watch terms
 *   disabledCategories: string[]  engine categories switched off
 *   disabledSites: string[]       built-in site ids switched off
 *   pausedHosts: string[]         hosts paused from the popup (local only)
 *   customSites: string[]         origins the worker added, e.g. "https://mastodon.social" (local only)
 */

import { CATEGORIES } from '../generated/categories.js';

export { CATEGORIES };

/**
 * @typedef {object} Settings
 * @property {string[]} watchlist
 * @property {string[]} disabledCategories
 * @property {string[]} disabledSites
 * @property {string[]} pausedHosts
 * @property {string[]} customSites
 * @property {{watchlist: number, categoriesLocked: boolean, sitesLocked: boolean}} managed
 */

/** @param {unknown} v @returns {string[]} */
function strings(v) {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
}

/**
 * Managed values win: the employer's watch terms are added to the worker's own, and where the
 * employer sets categories or sites, their choice replaces the worker's.
 * @param {Record<string, unknown>} local
 * @param {Record<string, unknown>} managed
 * @returns {Settings}
 */
export function mergeSettings(local, managed) {
  const managedWatch = strings(managed.watchlist);
  const watchlist = [...new Set([...strings(local.watchlist), ...managedWatch])];
  const categoriesLocked = Array.isArray(managed.disabledCategories);
  const sitesLocked = Array.isArray(managed.disabledSites);
  return {
    watchlist,
    disabledCategories: (categoriesLocked ? strings(managed.disabledCategories) : strings(local.disabledCategories))
      .filter((c) => CATEGORIES.includes(c)),
    disabledSites: sitesLocked ? strings(managed.disabledSites) : strings(local.disabledSites),
    pausedHosts: strings(local.pausedHosts),
    customSites: strings(local.customSites),
    managed: { watchlist: managedWatch.length, categoriesLocked, sitesLocked },
  };
}

/**
 * The employer's managed settings; {} when there are none (no policy, or Firefox without one).
 * After the browser starts, this read can take seconds (the policy service loads late), so
 * nothing a worker waits for should wait on it.
 * @param {string[] | null} [keys]
 * @returns {Promise<Record<string, unknown>>}
 */
export async function readManaged(keys = null) {
  try {
    return (await chrome.storage.managed.get(keys)) || {};
  } catch {
    return {};
  }
}

/**
 * The worker's own settings (chrome.storage.local).
 * @param {string[] | null} [keys]
 * @returns {Promise<Record<string, unknown>>}
 */
export async function readLocal(keys = null) {
  return (await chrome.storage.local.get(keys).catch(() => ({}))) || {};
}

/** Reads and merges both areas (for pages that can wait for the managed read). */
export async function loadSettings() {
  const [local, managed] = await Promise.all([readLocal(), readManaged()]);
  return mergeSettings(local, managed);
}

/** Origin pattern for a site the worker adds, e.g. "https://mastodon.social/*". */
export function originPattern(origin) {
  return new URL(origin).origin + '/*';
}
