// `node bench/navigation/run.mjs BASE_URL [RUNS]`: navigation between the
// reader's pages (the start script's document swap, swap.js) against a
// document navigation to the same page, and the responsiveness of the
// reader's controls, on a phone-like connection (150 ms round trip,
// 1.6 Mbps, CPU slowed 4×, through Chrome DevTools' protocol). Median of
// RUNS per kind. Prints one line of JSON.
//
// Everything is timed inside the page:
// - the swap: from the click's (or Enter's) event time until the target
//   page's heading is painted (it is in the document: a MutationObserver;
//   painted: the next frame, then the task after it);
// - the document: `location.href` set on the same starting page (a warm
//   connection), until the new document's first contentful paint.
// Kinds: home → category, category → article, article → related. "hover":
// the pointer rests 150 ms on the link, 300 ms after the page started;
// "read": the same after the reader has been on the page for 4 s (the
// idle prefetch has run); "key": the link is focused, then Enter.
// Back: article → the page it came from. Where the time of a hover click
// goes: the document's arrival after the click (Resource Timing; 0 when it
// was there before), parsing and swapping it in, paint.
//
// Prefetch per page view: bytes over the wire of the documents fetched in
// the 6 s after the page starts, without any interaction, once as a plain
// reader and once with Save-Data.
//
// Responsiveness: the Event Timing API's longest event of each
// interaction (what Interaction to Next Paint reports) for A+ on an
// article, a tap on the search field, typing a query (the search island),
// and the pager (the site has no menu to open: its sections are a bar
// always shown).
import { launch } from '../../tests/e2e/browser.mjs';

const [base, runsArg = '5'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node bench/navigation/run.mjs BASE_URL [RUNS]');
  process.exit(2);
}
const RUNS = Number(runsArg);
const json = async (path) => (await fetch(new URL(path, base))).json();

const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Collects event timings from the start, for the responsiveness rows.
const OBSERVE_EVENTS = () => {
  window.__events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.interactionId) window.__events.push({ id: e.interactionId, name: e.name, duration: e.duration });
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
};

async function throttledPage({ saveData = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
  if (saveData) {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true, effectiveType: '4g' }) });
    });
  }
  await context.addInitScript(OBSERVE_EVENTS);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8),
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { page, context };
}

// The start script has run, and the page's islands are hydrated.
const READY = () => window.bantinSwap === true
  && (!document.querySelector('leptos-island') || window.bantinIslands !== undefined);

async function openApp(path, options) {
  const { page, context } = await throttledPage(options);
  await page.goto(new URL(path, base).href, { waitUntil: 'load' });
  await page.waitForFunction(READY, null, { timeout: 60_000 });
  return { page, context };
}

// Arms the page: the next click or keydown starts the clock; resolves with
// the timings once a `main h1` reads `heading` and has been painted.
const armTimer = (page, heading, url) => page.evaluate(([heading, url]) => {
  window.__timing = new Promise((resolve) => {
    let start = null;
    const begin = (e) => { if (start === null) start = e.timeStamp; };
    addEventListener('click', begin, true);
    addEventListener('keydown', begin, true);
    window.__back = () => { start = performance.now(); history.back(); };
    const shown = () => [...document.querySelectorAll('main h1')].some((h) => h.textContent === heading);
    const watch = new MutationObserver(() => {
      if (start === null || !shown()) return;
      watch.disconnect();
      const dom = performance.now() - start;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const painted = performance.now() - start;
          const file = url && performance.getEntriesByType('resource').filter((r) => r.name.endsWith(url)).pop();
          const data = file ? Math.max(0, file.responseEnd - start) : 0;
          resolve({ dom, painted, data });
        };
        channel.port2.postMessage(null);
      });
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}, [heading, url]);

async function clientSide(kind, how) {
  const { page, context } = await openApp(kind.from);
  await page.waitForTimeout(how === 'read' ? 4_000 : 300);
  const link = page.locator(kind.selector).first();
  await link.scrollIntoViewIfNeeded();
  await armTimer(page, kind.heading, kind.to);
  if (how === 'key') {
    await link.focus();
    await page.keyboard.press('Enter');
  } else {
    await link.hover();
    await page.waitForTimeout(150);
    await link.click();
  }
  const timing = await page.evaluate(() => window.__timing);
  await context.close();
  return timing;
}

async function back(from, selector, heading) {
  const { page, context } = await openApp(from);
  await page.locator(selector).first().click();
  await page.waitForFunction((h) => document.querySelector('main h1')?.textContent !== h, heading, { timeout: 60_000 });
  await page.waitForTimeout(500);
  await armTimer(page, heading, null);
  await page.evaluate(() => window.__back());
  const timing = await page.evaluate(() => window.__timing);
  await context.close();
  return timing.painted;
}

// The same page as a document, reached from `from` (warm connection and
// cache for the app's files), until its first contentful paint.
async function documentNavigation(from, to) {
  const { page, context } = await openApp(from);
  await page.waitForTimeout(300);
  await Promise.all([
    page.waitForURL(new URL(to, base).href, { waitUntil: 'load' }),
    page.evaluate((to) => { location.href = to; }, to),
  ]);
  const fcp = await page.evaluate(() => new Promise((resolve) => {
    const found = () => performance.getEntriesByName('first-contentful-paint')[0];
    if (found()) resolve(found().startTime);
    else new PerformanceObserver(() => found() && resolve(found().startTime)).observe({ type: 'paint', buffered: true });
  }));
  await context.close();
  return fcp;
}

// The service worker fetches the documents for the page, so the page's
// own Resource Timing sees no bytes: the browser's requests (the worker's
// included) are counted through Playwright instead.
async function prefetchBytes(path, saveData) {
  const { page, context } = await throttledPage({ saveData });
  let counting = false;
  const sizes = [];
  context.on('requestfinished', (request) => {
    // The documents fetched, less the offline page the service worker
    // keeps whatever the page does.
    const path = new URL(request.url()).pathname;
    const fetched = request.resourceType() === 'fetch' && path.endsWith('/') && path !== '/ngoai-tuyen/';
    if (counting && fetched) sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  await page.goto(new URL(path, base).href, { waitUntil: 'load' });
  await page.waitForFunction(READY, null, { timeout: 60_000 });
  counting = true;
  await page.waitForTimeout(6_000);
  counting = false;
  const bytes = (await Promise.all(sizes)).reduce((sum, n) => sum + n, 0);
  await context.close();
  return bytes;
}

// The longest event of each interaction `act` makes; 0 when every one was
// under the API's 16 ms threshold.
async function responsiveness(path, act) {
  const { page, context } = await openApp(path);
  await page.waitForTimeout(1_000);
  await page.evaluate(() => { window.__events = []; });
  await act(page);
  await page.waitForTimeout(1_000);
  const worst = await page.evaluate(() => window.__events.reduce((m, e) => Math.max(m, e.duration), 0));
  await context.close();
  return worst;
}

const site = await json('/api/v1/site.json');
const category = site.categories.find((c) => c.count > 20);
const list = await json(`/api/v1/categories/${category.slug}.json`);
const article = await json(`/api/v1/articles/${list.items[0].id}.json`);
const related = article.related[0];

const kinds = [
  { name: 'home → category', from: '/', selector: `nav[aria-label="Chuyên mục"] a[href="/c/${category.slug}/"]`, to: `/c/${category.slug}/`, heading: category.name },
  { name: 'category → article', from: `/c/${category.slug}/`, selector: `main .card-title a[href="${list.items[0].path}"]`, to: list.items[0].path, heading: list.items[0].title },
  { name: 'article → related', from: article.path, selector: `.related a[href="${related.path}"]`, to: related.path, heading: related.title },
];

const results = [];
for (const kind of kinds) {
  const row = { kind: kind.name };
  for (const how of ['hover', 'read', 'key']) {
    const timings = [];
    for (let i = 0; i < RUNS; i += 1) timings.push(await clientSide(kind, how));
    row[how] = median(timings.map((t) => t.painted));
    if (how === 'hover') {
      row.data = median(timings.map((t) => t.data));
      row.render = median(timings.map((t) => t.dom - Math.max(t.data, 0)));
      row.paint = median(timings.map((t) => t.painted - t.dom));
    }
  }
  const loads = [];
  for (let i = 0; i < RUNS; i += 1) loads.push(await documentNavigation(kind.from, kind.to));
  row.document = median(loads);
  results.push(row);
}

const backs = [];
for (const [name, from, selector, heading] of [
  ['article → category', `/c/${category.slug}/`, `main .card-title a[href="${list.items[0].path}"]`, category.name],
  ['related → article', article.path, `.related a[href="${related.path}"]`, article.title],
]) {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) times.push(await back(from, selector, heading));
  backs.push({ kind: name, painted: median(times) });
}

const prefetch = [];
for (const kind of kinds) {
  prefetch.push({ page: kind.from, bytes: await prefetchBytes(kind.from, false), save_data: await prefetchBytes(kind.from, true) });
}

const interactions = [
  ['A+ on an article', article.path, (page) => page.getByTitle('Tăng cỡ chữ').click()],
  ['A tap on the search field', '/', (page) => page.locator('header input[type=search]').click()],
  ['typing a query', '/tim-kiem/', (page) => page.locator('main input[type=search]').pressSequentially('voi', { delay: 120 })],
  // The latest list: a category of the sample has one page only.
  ['the pager', '/tin-moi/', (page) => page.locator('nav.pager a[rel=next]').first().click()],
];
const inp = [];
for (const [name, path, act] of interactions) {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) times.push(await responsiveness(path, act));
  inp.push({ interaction: name, ms: median(times) });
}
await browser.close();
console.log(JSON.stringify({ runs: RUNS, results, backs, prefetch, inp }));
