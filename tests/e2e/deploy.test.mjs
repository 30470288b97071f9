// The sample newsroom deployed by its change list alone, after a skipped
// deploy (xtask/src/deploy_check.rs has checked that the web root is then
// byte for byte a fresh build), served as a plain static host serves it:
// a reader paging back from a category's newest page, and searching, finds
// every article, the new one included.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { browserSuite, openPage } from './browser.mjs';

const suite = browserSuite();
const DEPLOY_URL = process.env.DEPLOY_URL ?? 'http://127.0.0.1:18082';
const [NEW_ID, NEW_TITLE] = (process.env.DEPLOY_ARTICLE ?? '9100\t').split('\t');

async function json(path) {
  const res = await fetch(new URL(path, DEPLOY_URL));
  assert.ok(res.ok, `${path}: HTTP ${res.status}`);
  return res.json();
}

const cards = (page) => page.locator('main .card-title a');
const hrefs = (page) => cards(page).evaluateAll((links) => links.map((a) => a.getAttribute('href')));

test('paging back through a category from its newest page finds every article once', async () => {
  const landing = await json('/api/v1/categories/chinh-tri.json');
  const { page, context, errors } = await openPage(suite.browser);
  await page.goto(`${DEPLOY_URL}/c/chinh-tri/`);
  await cards(page).first().waitFor();
  const seen = [];
  for (;;) {
    const shown = await hrefs(page);
    seen.push(...shown);
    const older = page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: /Cũ hơn/ });
    if ((await older.count()) === 0) break;
    await older.click();
    // The next block is on screen once its first card is another article.
    await page.waitForFunction(
      (first) => document.querySelector('main .card-title a')?.getAttribute('href') !== first,
      shown[0],
    );
  }
  assert.equal(seen.length, landing.total, 'every article of the category');
  assert.equal(new Set(seen).size, seen.length, 'no article twice');
  assert.ok(seen.some((href) => href.startsWith(`/a/${NEW_ID}/`)), 'the new article is listed');
  assert.deepEqual(errors.filter((e) => e.startsWith('uncaught')), []);
  await context.close();
});

test('searching finds the new article and the oldest', async () => {
  const latest = await json('/api/v1/latest.json');
  let block = latest;
  while (block.older) block = await json(`/api/v1/latest/archive/${block.older}.json`);
  const oldest = block.items[block.items.length - 1];
  const { page, context, errors } = await openPage(suite.browser);
  for (const title of [NEW_TITLE, oldest.title]) {
    await page.goto(`${DEPLOY_URL}/tim-kiem/?q=${encodeURIComponent(title)}`);
    await page.getByRole('status').getByText(/kết quả cho/).waitFor();
    const first = page.locator('main .search-result h2 a').first();
    assert.equal(await first.textContent(), title);
  }
  assert.deepEqual(errors.filter((e) => e.startsWith('uncaught')), []);
  await context.close();
});
