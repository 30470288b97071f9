// Shared set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core (no browser download), against BASE_URL.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:18080';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A page that records console errors and uncaught exceptions. Failed loads
// from other hosts (the sample's remote images: there is no internet here)
// are the only expected noise and are kept apart in `remote`. The service
// worker is kept out unless a test asks for it (offline.test.mjs): with it,
// a test's own request interception would not see what the worker fetches.
export async function openPage(browser, { width = 390, height = 844, deviceScaleFactor = 1, javaScriptEnabled = true, bypassCSP = false, serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, javaScriptEnabled, bypassCSP, serviceWorkers });
  const page = await context.newPage();
  const errors = [];
  page.remote = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location()?.url ?? '';
    if (/^https?:/.test(url) && !url.startsWith(BASE_URL)) page.remote.push(url);
    else errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return { page, context, errors };
}

export async function getJson(path) {
  const res = await fetch(new URL(path, BASE_URL));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

// Runs axe-core (from node_modules, no CDN) on the page; returns violations.
// Injecting it needs a context opened with `bypassCSP: true`.
export async function axe(page) {
  await page.addScriptTag({ path: new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// Sums layout shifts from the very start of the page (PerformanceObserver).
export async function watchLayoutShift(page) {
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__cls += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

// Documents arrive pre-rendered and the app starts after the load event:
// wait for it (Trunk sets `wasmBindings` once the app is mounted; the
// islands experiment's document swap sets `bantinSwap`, `cargo xtask
// e2e-islands`) before anything that needs client-side navigation.
export async function appReady(page) {
  await page.waitForFunction(() => window.wasmBindings !== undefined || window.bantinSwap === true);
}

// A suite's browser and the site's site.json, ready before its first test
// and closed after its last: `const suite = browserSuite();` then
// `suite.browser`, `suite.site` inside the tests.
export function browserSuite() {
  const suite = {};
  before(async () => {
    suite.browser = await launch();
    suite.site = await getJson('/api/v1/site.json');
  });
  after(async () => { await suite.browser?.close(); });
  return suite;
}
