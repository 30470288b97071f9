// Author pages: a byline's names and the author credit lead to everything
// an author signed, client-side, with the page's own head.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, browserSuite, openPage, getJson, appReady, axe } from './browser.mjs';

const suite = browserSuite();

// The newest article signed by two people.
async function coAuthored() {
  for (const item of (await getJson('/api/v1/latest.json')).items) {
    const article = await getJson(`/api/v1/articles/${item.id}.json`);
    if (article.authors.length === 2) return article;
  }
  throw new Error('no co-authored article in the sample');
}

test('a byline name leads to the author\'s articles, client-side; Back returns', async () => {
  const article = await coAuthored();
  const author = article.authors[1];
  const list = await getJson(`/api/v1/authors/${author.slug}.json`);
  assert.equal(list.author.name, author.name);
  assert.ok(list.items.some((i) => i.id === article.id), 'the article is on its author\'s page');

  const { page, context, errors } = await openPage(suite.browser);
  await page.goto(`${BASE_URL}${article.path}`);
  await appReady(page);
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('.byline').getByRole('link', { name: author.name }).click();
  await page.waitForURL(`${BASE_URL}${author.path}`);
  await page.getByRole('heading', { level: 1, name: author.name }).waitFor();
  assert.deepEqual(await page.locator('main .card-title a').allTextContents(), list.items.map((i) => i.title));
  assert.equal(await page.title(), `${author.name} – ${suite.site.name}`);
  assert.equal(await page.locator('link[rel="canonical"]').getAttribute('href'), `${suite.site.base_url}${author.path}`);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full page load');

  await page.goBack();
  await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the author credit links the names it shares with the byline', async () => {
  const latest = await getJson('/api/v1/latest.json');
  const older = latest.older ? (await getJson(`/api/v1/latest/archive/${latest.older}.json`)).items : [];
  const items = older.concat(latest.items);
  let article;
  for (const item of items) {
    const a = await getJson(`/api/v1/articles/${item.id}.json`);
    if (a.credit && a.authors.some((x) => a.credit.includes(x.name))) { article = a; break; }
  }
  assert.ok(article, 'an article whose credit names a byline author');
  const { page, context } = await openPage(suite.browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}${article.path}`);
  const credit = page.locator('.credit');
  assert.equal(await credit.textContent(), `Tác giả bài viết: ${article.credit}`, 'the credit reads as written');
  const named = article.authors.find((x) => article.credit.includes(x.name));
  assert.equal(await credit.getByRole('link', { name: named.name }).getAttribute('href'), named.path);
  await context.close();
});

test('an author page is accessible on a phone and a desktop', async () => {
  const article = await coAuthored();
  const author = article.authors[0];
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    const { page, context } = await openPage(suite.browser, { ...viewport, bypassCSP: true });
    await page.goto(`${BASE_URL}${author.path}`);
    await page.getByRole('heading', { level: 1, name: author.name }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await axe(page), [], `${author.path} at ${viewport.width}px`);
    await context.close();
  }
});
