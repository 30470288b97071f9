// `node bench/navigation/run.mjs BASE_URL [RUNS]`: client-side navigation
// in the app against a document load of the same page, on a phone-like
// connection (150 ms round trip, 1.6 Mbps, CPU slowed 4×, through Chrome
// DevTools' protocol), median of RUNS per kind. Prints one line of JSON.
//
// Kinds: home → category, category → article, article → related article,
// and Back (article → the category it came from). "hover": the pointer
// rests 150 ms on the link, then clicks; "key": the link is focused and
// activated at once. Time: from the click until the new page's heading is
// in the document (a MutationObserver, so not rounded up to a frame),
// measured in the page. The document
// load of the same page (warm HTTP cache): the navigation's `loadEventEnd`.
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

async function throttledPage() {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8),
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { page, context };
}

// Milliseconds from the action (`hover` or `key`: a click on `selector`,
// focused first for `key`; `back`: history.back()) until a heading of
// `main` reads `heading`. A MutationObserver notices it as soon as it is
// in the document, not at the next frame.
const timeUntilHeading = (page, heading, how, selector) => page.evaluate(([heading, how, selector]) => new Promise((resolve) => {
  const done = () => [...document.querySelectorAll('main h1')].some((h) => h.textContent === heading);
  const watch = new MutationObserver(() => {
    if (done()) {
      watch.disconnect();
      resolve(performance.now() - start);
    }
  });
  watch.observe(document.body, { childList: true, subtree: true, characterData: true });
  const link = selector && document.querySelector(selector);
  if (how === 'key') link.focus();
  const start = performance.now();
  if (how === 'back') history.back();
  else link.click();
}), [heading, how, selector]);

// Opens `from`, waits for the app, then times getting to the page whose
// main h1 reads `heading`.
async function clientSide(from, selector, heading, how) {
  const { page, context } = await throttledPage();
  await page.goto(new URL(from, base).href, { waitUntil: 'load' });
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const link = page.locator(selector).first();
  await link.scrollIntoViewIfNeeded();
  if (how === 'hover') {
    await link.hover();
    await page.waitForTimeout(150);
  }
  const ms = await timeUntilHeading(page, heading, how, selector);
  await context.close();
  return ms;
}

async function back(from, selector, heading) {
  const { page, context } = await throttledPage();
  await page.goto(new URL(from, base).href, { waitUntil: 'load' });
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 60_000 });
  await page.locator(selector).first().click();
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent !== '', null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const ms = await timeUntilHeading(page, heading, 'back');
  await context.close();
  return ms;
}

async function documentLoad(path) {
  const { page, context } = await throttledPage();
  // Once to warm the HTTP cache, then the measured load.
  await page.goto(new URL(path, base).href, { waitUntil: 'load' });
  await page.goto('about:blank');
  await page.goto(new URL(path, base).href, { waitUntil: 'load' });
  const ms = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  await context.close();
  return ms;
}

const site = await json('/api/v1/site.json');
const category = site.categories.find((c) => c.count > 20);
const list = await json(`/api/v1/categories/${category.slug}/1.json`);
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
  for (const how of ['hover', 'key']) {
    const times = [];
    for (let i = 0; i < RUNS; i += 1) times.push(await clientSide(kind.from, kind.selector, kind.heading, how));
    row[how] = median(times);
  }
  const loads = [];
  for (let i = 0; i < RUNS; i += 1) loads.push(await documentLoad(kind.to));
  row.document = median(loads);
  results.push(row);
}
// Back renders from the app's cache with no network at all: its time is
// the cost of routing and rendering the page itself.
for (const [name, from, selector, heading] of [
  ['Back (article → category)', `/c/${category.slug}/`, `main .card-title a[href="${list.items[0].path}"]`, category.name],
  ['Back (related → article)', article.path, `.related a[href="${related.path}"]`, article.title],
]) {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) times.push(await back(from, selector, heading));
  const loads = [];
  for (let i = 0; i < RUNS; i += 1) loads.push(await documentLoad(from));
  results.push({ kind: name, hover: median(times), key: median(times), document: median(loads) });
}
await browser.close();
console.log(JSON.stringify({ runs: RUNS, results }));
