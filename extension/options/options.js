// @ts-check
/**
 * The options page: the watch-list (chrome.storage.local only, shown masked until revealed),
 * categories, sites, and other sites added with a runtime permission request. Every change is
 * saved at once; the service worker sees it through storage.onChanged and every open tab re-checks.
 */
import { t, localize } from '../shared/i18n.js';
import { CATEGORIES, loadSettings, originPattern } from '../shared/settings.js';
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

async function renderCategories() {
  const settings = await loadSettings();
  const box = $('categories');
  box.querySelectorAll('label').forEach((l) => l.remove());
  for (const c of CATEGORIES) {
    const label = el('label');
    const input = /** @type {HTMLInputElement} */ (el('input'));
    input.type = 'checkbox';
    input.checked = !settings.disabledCategories.includes(c);
    input.disabled = settings.managed.categoriesLocked;
    input.addEventListener('change', async () => {
      const off = new Set(await localList('disabledCategories'));
      if (input.checked) off.delete(c);
      else off.add(c);
      await saveList('disabledCategories', [...off]);
    });
    label.append(input, el('span', t('category' + c[0].toUpperCase() + c.slice(1))));
    box.append(label);
  }
  $('categories-locked').hidden = !settings.managed.categoriesLocked;
}

async function renderSites() {
  const settings = await loadSettings();
  const box = $('sites');
  box.querySelectorAll('label').forEach((l) => l.remove());
  for (const site of SITES) {
    const label = el('label');
    const input = /** @type {HTMLInputElement} */ (el('input'));
    input.type = 'checkbox';
    input.checked = !settings.disabledSites.includes(site.id);
    input.disabled = settings.managed.sitesLocked;
    input.addEventListener('change', async () => {
      const off = new Set(await localList('disabledSites'));
      if (input.checked) off.delete(site.id);
      else off.add(site.id);
      await saveList('disabledSites', [...off]);
    });
    label.append(input, el('span', site.name));
    box.append(label);
  }
  $('sites-locked').hidden = !settings.managed.sitesLocked;
  const list = $('custom-list');
  list.replaceChildren();
  for (const origin of settings.customSites) {
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
      renderSites();
    });
    li.append(el('span', origin), remove);
    list.append(li);
  }
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
  renderSites();
});

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') {
    renderWatchlist();
    renderCategories();
    renderSites();
  }
});

renderWatchlist();
renderCategories();
renderSites();
