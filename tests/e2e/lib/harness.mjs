// Browser + fixture server harness shared by every spec.
import { chromium } from 'playwright-core';
import { readFileSync, existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { surfaces } from '../fixtures/surfaces.mjs';

export const E2E = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = resolve(E2E, '../..');
export const FIXTURE_DIST = join(E2E, 'fixtures/dist');
export const ARTIFACTS = join(E2E, 'artifacts');
export const DIST_CHROME = resolve(process.env.POSTCARE_DIST_CHROME || join(REPO, 'dist/chrome'));
export const DIST_FIREFOX = resolve(process.env.POSTCARE_DIST_FIREFOX || join(REPO, 'dist/firefox'));
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const PAGE_CSP = "default-src 'self'; script-src 'self'";
mkdirSync(ARTIFACTS, { recursive: true });

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.json': 'application/json' };

// Every origin a fixture is served from.
const byOrigin = new Map();
for (const s of surfaces) {
  for (const u of [s.url, ...(s.aliases || [])]) {
    const url = new URL(u);
    if (!byOrigin.has(url.origin)) byOrigin.set(url.origin, []);
    byOrigin.get(url.origin).push({ path: url.pathname, surface: s });
  }
}
export const FIXTURE_ORIGINS = [...byOrigin.keys()];

// Resolve a request to a fixture response, or null when it is not ours.
export function fixtureResponse(urlString) {
  let url;
  try { url = new URL(urlString); } catch { return null; }
  const entries = byOrigin.get(url.origin);
  if (!entries) return null;
  const headers = { 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store' };
  if (url.pathname.startsWith('/__fixtures/')) {
    const name = url.pathname.slice('/__fixtures/'.length);
    const file = join(FIXTURE_DIST, name);
    if (name.includes('..') || !existsSync(file)) return { status: 404, headers, body: '' };
    return { status: 200, headers: { ...headers, 'content-type': TYPES[extname(file)] || 'application/octet-stream' }, body: readFileSync(file) };
  }
  const hit = entries.find((e) => e.path === url.pathname);
  if (!hit) return { status: 404, headers: { ...headers, 'content-type': 'text/plain' }, body: 'not a fixture' };
  return {
    status: 200,
    headers: { ...headers, 'content-type': TYPES['.html'] },
    body: readFileSync(join(FIXTURE_DIST, 'pages', `${hit.surface.id}.html`)),
  };
}

// Network log. `requests` is every request the context saw; `extension`
// holds requests made by an extension context (service worker, extension
// page, or any request to a non-fixture URL), which must stay empty.
export function createNetLog() {
  return { requests: [], extension: [], aborted: [], cdp: [] };
}

function isExtensionUrl(u) { return /^(chrome-extension|moz-extension):/.test(u || ''); }

export async function installRoutes(context, netlog) {
  await context.route('**/*', async (route) => {
    const req = route.request();
    if (isExtensionUrl(req.url())) return route.continue();
    const res = fixtureResponse(req.url());
    if (res) return route.fulfill(res);
    netlog.aborted.push({ url: req.url(), from: describeInitiator(req) });
    return route.abort('blockedbyclient');
  });
  context.on('request', (req) => {
    const from = describeInitiator(req);
    const entry = { url: req.url(), from, method: req.method(), type: req.resourceType() };
    netlog.requests.push(entry);
    if (isExtensionUrl(entry.url)) return; // packaged extension resources are local files
    if (from.startsWith('service-worker:') || from.startsWith('extension-page:')) netlog.extension.push(entry);
    else if (!fixtureResponse(entry.url) && !/^(data|blob|about):/.test(entry.url)) netlog.extension.push(entry);
  });
}

function describeInitiator(req) {
  try {
    const sw = req.serviceWorker && req.serviceWorker();
    if (sw) return `service-worker:${sw.url()}`;
  } catch { /* not a worker request */ }
  try {
    const frame = req.frame();
    const u = frame.url();
    if (isExtensionUrl(u)) return `extension-page:${u}`;
    return `page:${u}`;
  } catch { return 'unknown'; }
}

export const LAUNCH_ARGS = (ext) => [
  ...(ext ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : []),
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

// Launch Chromium with (or without) an unpacked extension, fixtures routed.
export async function launch({ extension = DIST_CHROME, withExtension = true } = {}) {
  if (withExtension && !existsSync(join(extension, 'manifest.json'))) {
    throw new Error(`no built extension at ${extension} (run scripts/build-extension.sh first)`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'postcare-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS(withExtension ? extension : null),
    viewport: { width: 1100, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const netlog = createNetLog();
  await installRoutes(context, netlog);
  let worker = null;
  let extensionId = null;
  if (withExtension) {
    worker = context.serviceWorkers().find((w) => isExtensionUrl(w.url()))
      || await context.waitForEvent('serviceworker', { timeout: 15000 });
    extensionId = new URL(worker.url()).host;
  }
  const h = {
    context, netlog, extensionId, userDataDir, extensionDir: withExtension ? extension : null,
    get worker() {
      return context.serviceWorkers().find((w) => isExtensionUrl(w.url())) || worker;
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return h;
}

export function manifestOf(dir = DIST_CHROME) {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}
