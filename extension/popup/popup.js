// @ts-check
/**
 * The toolbar popup. First the tab in front of the worker: whether drafts are checked here, which
 * compose box the page has, how many warnings its draft has open, and a switch to pause checking
 * on this site. Then a "Check a draft" box that runs the engine on pasted text, and the guidance
 * summary from the engine's own data as sections that open one at a time.
 * The pasted draft stays in this page; it is sent only to the service worker for the check.
 */
import { t, localize } from '../shared/i18n.js';
import { request } from '../shared/messages.js';
import { groupFindings } from '../shared/findings.js';
import { readConfig } from '../shared/config.js';

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

/**
 * A collapsible section: the title is the summary, the body opens under it.
 * @param {string} title
 * @param {Node[]} body
 */
function section(title, body) {
  const details = /** @type {HTMLDetailsElement} */ (el('details', undefined, 'area'));
  details.append(el('summary', title), ...body);
  return details;
}

async function showGuidance() {
  try {
    const { guidance } = await request({ type: 'guidance' });
    const link = /** @type {HTMLAnchorElement} */ ($('codes-link'));
    link.href = guidance.codes_url;
    const byId = new Map(guidance.code.map((c) => [c.id, c.text]));
    const sections = [section(t('popupAboutHeading'), [el('p', guidance.intro)])];
    for (const area of guidance.areas) {
      const body = [el('p', area.summary)];
      const points = el('ul', undefined, 'points');
      for (const p of area.points || []) points.append(el('li', p));
      body.push(points);
      const code = (area.code || []).filter((id) => byId.has(id));
      if (code.length) {
        body.push(el('p', t('popupCodeHeading'), 'label'));
        for (const id of code) body.push(el('blockquote', byId.get(id)));
      }
      sections.push(section(area.title, body));
    }
    $('areas').replaceChildren(...sections);
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
    const groups = groupFindings(findings, text);
    results.append(el('p', t(groups.length === 1 ? 'popupFindingsCountOne' : 'popupFindingsCount', String(groups.length))));
    const list = el('ul');
    for (const g of groups) {
      const li = el('li');
      li.append(
        el('span', `${t(g.severity === 'warn' ? 'severityWarn' : 'severityCaution')}: `, `sev-${g.severity}`),
        el('strong', g.title),
      );
      if (g.words.length) li.append(el('p', `${t('reviewFound')} ${g.words.map((w) => `“${w}”`).join(', ')}`));
      li.append(el('p', `${t('cardInstead')}: ${g.instead}`));
      list.append(li);
    }
    results.append(list);
  } catch {
    unavailable();
  }
}

/**
 * What the tab's content script covers (see shared/messages.js, 'coverage'): the compose boxes it
 * knows, never their text. Null when the page has no content script or it does not answer.
 * @param {number} tabId
 * @returns {Promise<{enabled: boolean, siteBoxesOnPage: number,
 *   boxes: {generic: boolean, label: string, active: boolean, checked: boolean, warnings: number}[]} | null>}
 */
async function coverage(tabId) {
  try {
    const response = await chrome.tabs.sendMessage(tabId, { type: 'coverage' });
    return response && response.ok ? response : null;
  } catch {
    return null;
  }
}

/**
 * One line saying whether drafts are checked here; the panel's colour says the same.
 * @param {'on' | 'off' | 'none'} state
 * @param {string} message
 */
function tabStatus(state, message) {
  $('tab').setAttribute('data-state', state);
  $('site-status').textContent = message;
}

/**
 * The compose box the page checks and its open warnings, while checking is on.
 * @param {number | undefined} tabId
 * @param {boolean} on
 */
async function showPage(tabId, on) {
  const boxLine = $('box-status');
  const warnLine = $('warn-status');
  const page = on && tabId !== undefined ? await coverage(tabId) : null;
  boxLine.hidden = !on;
  warnLine.hidden = true;
  if (!on) return;
  const boxes = page ? page.boxes : [];
  const box = boxes.find((b) => b.active) || boxes[0];
  if (box) {
    boxLine.textContent = box.label ? t('popupBoxChecked', box.label) : t('popupBoxCheckedNoLabel');
  } else if (page && page.siteBoxesOnPage > 0) {
    boxLine.textContent = t('popupBoxesOnPage');
  } else {
    boxLine.textContent = t('popupNoBox');
  }
  const warnings = box ? box.warnings : 0;
  warnLine.hidden = warnings === 0;
  warnLine.textContent = t(warnings === 1 ? 'popupWarnOpenOne' : 'popupWarnOpen', String(warnings));
}

/**
 * The tab's state from its config: checked here, paused, switched off or not covered.
 * @param {import('../shared/config.js').PageConfig} config
 * @param {number | undefined} tabId
 */
function showConfig(config, tabId) {
  const row = $('pause-row');
  const toggle = /** @type {HTMLInputElement} */ ($('site-enabled'));
  if (!config.covered || config.siteOff) {
    tabStatus(config.covered ? 'off' : 'none', config.covered ? t('popupSiteOff', config.siteName) : t('popupSiteNotCovered'));
    row.hidden = true;
    showPage(tabId, false);
    return;
  }
  row.hidden = false;
  toggle.checked = !config.paused;
  tabStatus(config.paused ? 'off' : 'on', t(config.paused ? 'popupSitePaused' : 'popupSiteCovered', config.siteName));
  showPage(tabId, !config.paused);
}

async function showTab() {
  /** @type {chrome.tabs.Tab | undefined} */
  let tab;
  try {
    [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  } catch {
    tab = undefined;
  }
  // Without the "tabs" permission the URL is visible only on sites we have host access to.
  if (!tab || !tab.url) {
    tabStatus('none', t('popupSiteNotCovered'));
    return;
  }
  const url = tab.url;
  const tabId = tab.id;
  // Read from storage here rather than asked of the service worker, which may still be starting.
  let config = await readConfig(url, (managed) => { config = managed; showConfig(config, tabId); });
  showConfig(config, tabId);
  $('site-enabled').addEventListener('change', async (e) => {
    const on = /** @type {HTMLInputElement} */ (e.target).checked;
    const { pausedHosts = [] } = await chrome.storage.local.get('pausedHosts');
    const set = new Set(Array.isArray(pausedHosts) ? pausedHosts : []);
    if (on) set.delete(config.host);
    else set.add(config.host);
    await chrome.storage.local.set({ pausedHosts: [...set] });
    config = { ...config, paused: !on, enabled: on };
    showConfig(config, tabId);
  });
}

localize(document);
$('check').addEventListener('click', checkDraft);
$('open-options').addEventListener('click', () => chrome.runtime.openOptionsPage());
showTab();
showGuidance();
