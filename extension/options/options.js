// @ts-check
/**
 * The options page: the watch-list (chrome.storage.local only, shown masked until revealed),
 * categories, sites, and other sites added with a runtime permission request. Every change is
 * saved at once; the service worker sees it through storage.onChanged and every open tab re-checks.
 */
import { t, localize } from '../shared/i18n.js';
import { CATEGORIES, loadSettings, mergeSettings, readLocal, readManaged, originPattern } from '../shared/settings.js';
import { SITES } from '../shared/sites.js';
import { mask } from './mask.js';

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

let revealed = false;

/** @param {string} message @param {boolean} [error] */
function status(message, error = false) {
  const s = $('status');
  s.textContent = message;
  s.classList.toggle('error', error);
}

/** @param {string} key @param {string[]} list */
async function saveList(key, list) {
  await chrome.storage.local.set({ [key]: list });
  status(t('optionsSaved'));
}

async function localList(key) {
  const value = (await chrome.storage.local.get(key))[key];
  return Array.isArray(value) ? value.filter((x) => typeof x === 'string') : [];
}

/** @param {string} tag @param {string} [text] */
function el(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function renderWatchlist() {
  const names = await localList('watchlist');
  const list = $('watch-list');
  list.replaceChildren();
  for (const name of names) {
    const li = el('li');
    const shown = revealed ? name : mask(name);
    const label = el('span', shown);
    label.className = 'name';
    const remove = el('button', t('optionsWatchRemove'));
    remove.setAttribute('type', 'button');
    remove.className = 'secondary';
    remove.setAttribute('aria-label', t('optionsWatchRemoveLabel', shown));
    remove.addEventListener('click', async () => {
      await saveList('watchlist', (await localList('watchlist')).filter((n) => n !== name));
      renderWatchlist();
    });
    li.append(label, remove);
    list.append(li);
  }
  $('watch-empty').hidden = names.length > 0;
  const reveal = $('watch-reveal');
  reveal.textContent = t(revealed ? 'optionsWatchHide' : 'optionsWatchReveal');
  reveal.setAttribute('aria-pressed', String(revealed));
  const settings = await loadSettings();
  const managed = $('watch-managed');
  managed.hidden = settings.managed.watchlist === 0;
  managed.textContent = t('optionsWatchManaged', String(settings.managed.watchlist));
}

/**
 * A switch per item, built at once from data the page already has (the engine's categories, the
 * supported sites), so the sections are never empty while the settings load; their state follows
 * in {@link applySettings}.
 * @param {HTMLElement} box
 * @param {{id: string, label: string}[]} items
 * @param {string} key  The local storage key listing the items switched off.
 * @returns {Map<string, HTMLInputElement>}
 */
function buildToggles(box, items, key) {
  const inputs = new Map();
  for (const item of items) {
    const label = el('label');
    const input = /** @type {HTMLInputElement} */ (el('input'));
    input.type = 'checkbox';
    input.checked = true;
    input.addEventListener('change', async () => {
      const off = new Set(await localList(key));
      if (input.checked) off.delete(item.id);
      else off.add(item.id);
      await saveList(key, [...off]);
    });
    label.append(input, el('span', item.label));
    box.append(label);
    inputs.set(item.id, input);
  }
  return inputs;
}

const categoryInputs = buildToggles($('categories'),
  CATEGORIES.map((c) => ({ id: c, label: t('category' + c[0].toUpperCase() + c.slice(1)) })), 'disabledCategories');
const siteInputs = buildToggles($('sites'), SITES.map((s) => ({ id: s.id, label: s.name })), 'disabledSites');

/** @param {import('../shared/settings.js').Settings} settings */
function applySettings(settings) {
  for (const [id, input] of categoryInputs) {
    input.checked = !settings.disabledCategories.includes(id);
    input.disabled = settings.managed.categoriesLocked;
  }
  $('categories-locked').hidden = !settings.managed.categoriesLocked;
  for (const [id, input] of siteInputs) {
    input.checked = !settings.disabledSites.includes(id);
    input.disabled = settings.managed.sitesLocked;
  }
  $('sites-locked').hidden = !settings.managed.sitesLocked;
  renderCustomSites(settings.customSites);
}

/** @param {string[]} origins */
function renderCustomSites(origins) {
  const list = $('custom-list');
  list.replaceChildren();
  for (const origin of origins) {
    const li = el('li');
    const remove = el('button', t('optionsWatchRemove'));
    remove.setAttribute('type', 'button');
    remove.className = 'secondary';
    remove.setAttribute('aria-label', t('optionsWatchRemoveLabel', origin));
    remove.addEventListener('click', async () => {
      try {
        await chrome.permissions.remove({ origins: [originPattern(origin)] });
      } catch {
        // Already gone.
      }
      await saveList('customSites', (await localList('customSites')).filter((o) => o !== origin));
      refresh();
    });
    li.append(el('span', origin), remove);
    list.append(li);
  }
}

/** The worker's own choices at once; the employer's (which can take seconds to read) when they come. */
async function refresh() {
  const local = await readLocal();
  applySettings(mergeSettings(local, {}));
  applySettings(mergeSettings(local, await readManaged()));
}

/** @param {string} value */
function parseOrigin(value) {
  try {
    const u = new URL(value.trim().includes('://') ? value.trim() : 'https://' + value.trim());
    if (u.protocol !== 'https:' || !u.hostname.includes('.')) return null;
    return u.origin;
  } catch {
    return null;
  }
}

localize(document);

$('watch-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($('watch-input'));
  const name = input.value.trim();
  if (!name) return;
  const names = await localList('watchlist');
  if (!names.includes(name)) names.push(name);
  await saveList('watchlist', names);
  input.value = '';
  renderWatchlist();
});

$('watch-reveal').addEventListener('click', () => {
  revealed = !revealed;
  renderWatchlist();
});

$('custom-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($('custom-input'));
  const origin = parseOrigin(input.value);
  if (!origin) {
    status(t('optionsCustomInvalid'), true);
    return;
  }
  // Must run straight from the click: the browser shows its own permission prompt.
  let granted = false;
  try {
    granted = await chrome.permissions.request({ origins: [originPattern(origin)], permissions: ['scripting'] });
  } catch {
    granted = false;
  }
  if (!granted) {
    status(t('optionsCustomDenied'), true);
    return;
  }
  const sites = await localList('customSites');
  if (!sites.includes(origin)) sites.push(origin);
  await saveList('customSites', sites);
  input.value = '';
  refresh();
});

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') {
    renderWatchlist();
    refresh();
  }
});

renderWatchlist();
refresh();
