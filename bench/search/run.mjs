// `node bench/search/run.mjs BASE_URL QUERIES_JSON`: search in headless
// Chromium, bantin's (the reader app's /tim-kiem/ page) and Pagefind's (its
// JS API on /pagefind-bench.html of the same site), query by query.
// Prints one line of JSON: per engine and query the files fetched for the
// query (paths; the caller weighs them on disk) and the top 10 results,
// cold (a fresh browser context per query) and warm (one context, queries
// in turn); for bantin also the ms from the last keystroke to the results
// painted.
import { launch } from '../../tests/e2e/browser.mjs';

const [base, queriesJson] = process.argv.slice(2);
if (!base || !queriesJson) {
  console.error('usage: node bench/search/run.mjs BASE_URL QUERIES_JSON');
  process.exit(2);
}
const queries = JSON.parse(queriesJson);
const browser = await launch();

const requested = (page) => {
  const seen = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  return seen;
};

// bantin: type the query in the search page's field; time from the last
// keystroke until the status line names the query and a frame has painted.
async function bantin(page, seen, q) {
  const field = page.getByRole('main').getByRole('searchbox');
  await field.fill('');
  await page.waitForTimeout(400);
  const before = seen.length;
  await field.pressSequentially(q, { delay: 30 });
  const ms = await page.evaluate((q) => new Promise((resolve) => {
    const start = performance.now();
    const done = () => document.querySelector('main [role="status"]')?.textContent.includes(`«${q}»`);
    const finish = () => requestAnimationFrame(() => resolve(performance.now() - start));
    if (done()) return finish();
    const watch = new MutationObserver(() => {
      if (done()) {
        watch.disconnect();
        finish();
      }
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
  }), q);
  const top = await page.locator('main .search-result h2 a').evaluateAll((links) => links.slice(0, 10).map((a) => a.getAttribute('href')));
  return { q, ms, top, files: seen.slice(before).filter((p) => p.startsWith('/api/v1/search/')) };
}

async function bantinPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = requested(page);
  await page.goto(`${base}/tim-kiem/`);
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 60_000 });
  return { context, page, seen };
}

async function pagefind(page, seen, q) {
  const before = seen.length;
  const top = await page.evaluate(async (q) => {
    const pagefind = await import('/pagefind/pagefind.js');
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    return data.map((d) => d.url);
  }, q);
  return { q, top, files: seen.slice(before).filter((p) => p.startsWith('/pagefind/')) };
}

async function pagefindPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = requested(page);
  await page.goto(`${base}/pagefind-bench.html`);
  return { context, page, seen };
}

const out = { bantin: [], bantinWarm: [], pagefind: [], pagefindWarm: [] };
for (const q of queries) {
  const b = await bantinPage();
  out.bantin.push(await bantin(b.page, b.seen, q));
  await b.context.close();
  const p = await pagefindPage();
  out.pagefind.push(await pagefind(p.page, p.seen, q));
  await p.context.close();
}
const b = await bantinPage();
for (const q of queries) out.bantinWarm.push(await bantin(b.page, b.seen, q));
await b.context.close();
const p = await pagefindPage();
for (const q of queries) out.pagefindWarm.push(await pagefind(p.page, p.seen, q));
await p.context.close();
await browser.close();
console.log(JSON.stringify(out));
