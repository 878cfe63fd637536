// @ts-check
/**
 * Whether a page is checked: a pure function of the worker's settings and the page's URL, shared
 * by the content script and the popup, which both work it out from storage themselves, so
 * neither waits for the service worker to start.
 */
import { siteForHost } from './sites.js';
import { mergeSettings, readLocal, readManaged } from './settings.js';

/**
 * @typedef {object} PageConfig
 * @property {boolean} covered   a built-in site, or one the worker added
 * @property {boolean} paused    paused from the popup
 * @property {boolean} siteOff   the site is switched off (by the worker or the employer)
 * @property {boolean} enabled   covered, and neither paused nor switched off
 * @property {string | null} site  the built-in site's id, 'custom', or null
 * @property {string} siteName
 * @property {string} host
 */

/**
 * @param {import('./settings.js').Settings} s
 * @param {string | undefined} url
 * @returns {PageConfig}
 */
export function configFor(s, url) {
  let host = '';
  let origin = '';
  try {
    const u = new URL(url || '');
    host = u.hostname;
    origin = u.origin;
  } catch {
    return { covered: false, enabled: false, paused: false, siteOff: false, site: null, siteName: '', host: '' };
  }
  const site = siteForHost(host);
  const custom = s.customSites.some((o) => {
    try {
      return new URL(o).origin === origin;
    } catch {
      return false;
    }
  });
  const covered = !!site || custom;
  const paused = s.pausedHosts.includes(host);
  const siteOff = !!site && s.disabledSites.includes(site.id);
  return {
    covered,
    paused,
    siteOff,
    enabled: covered && !paused && !siteOff,
    site: site ? site.id : custom ? 'custom' : null,
    siteName: site ? site.name : host,
    host,
  };
}

/**
 * The page's config, read straight from storage (only the keys it needs: never the watch-list).
 * The managed read can be slow after the browser starts: `onManaged` gets the config again once
 * the employer's settings are in, when they change it.
 * @param {string} url
 * @param {(config: PageConfig) => void} onManaged
 * @returns {Promise<PageConfig>}
 */
export async function readConfig(url, onManaged) {
  const local = await readLocal(['pausedHosts', 'disabledSites', 'customSites']);
  const config = configFor(mergeSettings(local, {}), url);
  readManaged(['disabledSites']).then((managed) => {
    if (Array.isArray(managed.disabledSites)) onManaged(configFor(mergeSettings(local, managed), url));
  });
  return config;
}
