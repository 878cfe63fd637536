// @ts-check
/**
 * The toolbar popup: whether this site is checked (with a switch to pause it), a "Check a draft"
 * box that runs the engine on pasted text, and the guidance summary from the engine's own data.
 * The pasted draft stays in this page; it is sent only to the service worker for the check.
 */
import { t, localize } from '../shared/i18n.js';
import { request } from '../shared/messages.js';

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @param {string} tag
 * @param {string} [text]
 * @param {string} [cls]
 */
function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function unavailable() {
  $('unavailable').hidden = false;
}

async function showGuidance() {
  try {
    const { guidance } = await request({ type: 'guidance' });
    $('intro').textContent = guidance.intro;
    const link = /** @type {HTMLAnchorElement} */ ($('codes-link'));
    link.href = guidance.codes_url;
    const byId = new Map(guidance.code.map((c) => [c.id, c.text]));
    const areas = $('areas');
    areas.replaceChildren();
    for (const area of guidance.areas) {
      const box = el('div', undefined, 'area');
      box.append(el('h3', area.title), el('p', area.summary));
      const points = el('ul', undefined, 'points');
      for (const p of area.points || []) points.append(el('li', p));
      box.append(points);
      if (area.code && area.code.length) {
        box.append(el('h4', t('popupCodeHeading')));
        for (const id of area.code) if (byId.has(id)) box.append(el('blockquote', byId.get(id)));
      }
      areas.append(box);
    }
  } catch {
    unavailable();
  }
}

async function checkDraft() {
  const results = $('results');
  const text = /** @type {HTMLTextAreaElement} */ ($('draft')).value;
  results.replaceChildren();
  if (!text.trim()) return;
  try {
    const { findings } = await request({ type: 'check', text });
    if (!findings.length) {
      results.append(el('p', t('popupNoFindings')));
      return;
    }
    results.append(el('p', t('popupFindingsCount', String(findings.length))));
    const list = el('ul');
    for (const f of findings) {
      const li = el('li');
      li.append(
        el('span', `${t(f.severity === 'warn' ? 'severityWarn' : 'severityCaution')}: `, `sev-${f.severity}`),
        el('strong', f.title),
        el('p', f.message),
      );
      list.append(li);
    }
    results.append(list);
  } catch {
    unavailable();
  }
}

async function showSite() {
  /** @type {chrome.tabs.Tab | undefined} */
  let tab;
  try {
    [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  } catch {
    tab = undefined;
  }
  const status = $('site-status');
  // Without the "tabs" permission the URL is visible only on sites we have host access to.
  if (!tab || !tab.url) {
    status.textContent = t('popupSiteNotCovered');
    return;
  }
  try {
    const config = await request({ type: 'config', url: tab.url });
    if (!config.covered) {
      status.textContent = t('popupSiteNotCovered');
      return;
    }
    status.textContent = config.siteOff ? t('popupSiteOff') : t('popupSiteCovered', config.siteName);
    if (config.siteOff) return;
    const row = $('pause-row');
    const toggle = /** @type {HTMLInputElement} */ ($('site-enabled'));
    row.hidden = false;
    toggle.checked = !config.paused;
    toggle.addEventListener('change', async () => {
      const { pausedHosts = [] } = await chrome.storage.local.get('pausedHosts');
      const set = new Set(Array.isArray(pausedHosts) ? pausedHosts : []);
      if (toggle.checked) set.delete(config.host);
      else set.add(config.host);
      await chrome.storage.local.set({ pausedHosts: [...set] });
    });
  } catch {
    unavailable();
  }
}

localize(document);
$('check').addEventListener('click', checkDraft);
$('open-options').addEventListener('click', () => chrome.runtime.openOptionsPage());
showSite();
showGuidance();
