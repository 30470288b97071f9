// Moving between pages without waiting: the next page's document fetched
// on the reader's intent, pages kept for Back, nothing fetched ahead when
// the reader saves data.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, browserSuite, openPage, appReady } from './browser.mjs';

const suite = browserSuite();

// `navigator.connection` as a browser that saves data reports it.
const saveData = () => Object.defineProperty(navigator, 'connection', {
  get: () => ({ saveData: true, effectiveType: '4g' }),
});

// A browser never idle: the prefetch of the links in view does not run,
// so what a test sees fetched is the intent's.
const neverIdle = () => { window.requestIdleCallback = () => 0; };

// The pages the start script fetches (not the document loads).
const pageRequests = (page) => {
  const seen = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'fetch' && r.url().startsWith(BASE_URL) && new URL(r.url()).pathname.endsWith('/')) {
      seen.push(new URL(r.url()).pathname);
    }
  });
  return seen;
};

const navLink = (page, name) => page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name, exact: true });

test('a hovered category is fetched before the click, and the click asks for nothing more', async () => {
  const category = suite.site.categories[2];
  const url = `/c/${category.slug}/`;
  const { page, context, errors } = await openPage(suite.browser, { width: 1280, height: 800 });
  await page.addInitScript(neverIdle);
  const requests = pageRequests(page);
  await page.goto(`${BASE_URL}/`);
  await appReady(page);
  await navLink(page, category.name).hover();
  await page.waitForFunction((url) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(url)), url);
  assert.deepEqual(requests.filter((r) => r === url), [url]);
  await navLink(page, category.name).click();
  await page.waitForURL(`${BASE_URL}/c/${category.slug}/`);
  await page.getByRole('heading', { level: 1, name: category.name }).waitFor();
  assert.deepEqual(requests.filter((r) => r === url), [url], 'the click fetched the page again');
  assert.deepEqual(errors, []);
  await context.close();
});

test('with Save-Data a hover fetches nothing; the click does', async () => {
  const category = suite.site.categories[2];
  const url = `/c/${category.slug}/`;
  const { page, context, errors } = await openPage(suite.browser, { width: 1280, height: 800 });
  await page.addInitScript(saveData);
  const requests = pageRequests(page);
  await page.goto(`${BASE_URL}/`);
  await appReady(page);
  await navLink(page, category.name).hover();
  await page.waitForTimeout(600);
  assert.deepEqual(requests.filter((r) => r === url), [], 'the hover prefetched under Save-Data');
  await navLink(page, category.name).click();
  await page.getByRole('heading', { level: 1, name: category.name }).waitFor();
  assert.deepEqual(requests.filter((r) => r === url), [url]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with Save-Data nothing is fetched in the background; without it the links in view are', async () => {
  for (const saving of [true, false]) {
    const { page, context } = await openPage(suite.browser, { width: 1280, height: 800 });
    if (saving) await page.addInitScript(saveData);
    const requests = pageRequests(page);
    await page.goto(`${BASE_URL}/`);
    await appReady(page);
    await page.waitForTimeout(2500);
    const background = requests;
    if (saving) assert.deepEqual(background, [], 'prefetched while saving data');
    else assert.ok(background.length >= 1 && background.length <= 6, background.join('\n'));
    await context.close();
  }
});

test('Back shows the page again at once, where the reader left it', async () => {
  const category = suite.site.categories.find((c) => c.count > 20);
  const url = `/c/${category.slug}/`;
  const { page, context, errors } = await openPage(suite.browser, { width: 412, height: 823 });
  await page.addInitScript(saveData);
  const requests = pageRequests(page);
  await page.goto(`${BASE_URL}/c/${category.slug}/`);
  await appReady(page);
  // Down the list to a card, which the reader then opens.
  const card = page.locator('main .card-title a').nth(6);
  await card.scrollIntoViewIfNeeded();
  await page.waitForTimeout(100);
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 300, `scrolled to ${y}`);
  const title = await card.textContent();
  await card.click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const before = requests.length;
  await page.goBack();
  await page.waitForURL(`${BASE_URL}/c/${category.slug}/`);
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 4, y);
  assert.deepEqual(requests.slice(before), [], 'Back fetched again');
    assert.deepEqual(errors, []);
  await context.close();
});

test('a failed prefetch is not kept: the click asks again, and a failure there shows the retry', async () => {
  const category = suite.site.categories[3];
  const url = `/c/${category.slug}/`;
  for (const failures of [1, 99]) {
    const { page, context } = await openPage(suite.browser, { width: 1280, height: 800 });
    await page.addInitScript(neverIdle);
    let asked = 0;
    await page.route(`${BASE_URL}${url}`, (route) => {
      if (route.request().resourceType() !== 'fetch') return route.continue();
      asked += 1;
      return asked <= failures ? route.fulfill({ status: 503, body: 'bận' }) : route.continue();
    });
    await page.goto(`${BASE_URL}/`);
    await appReady(page);
    await navLink(page, category.name).hover();
    await page.waitForFunction(() => true);
    await page.waitForTimeout(400);
    assert.equal(asked, 1, 'the hover prefetched');
    await navLink(page, category.name).click();
    if (failures === 1) {
      await page.getByRole('heading', { level: 1, name: category.name }).waitFor();
      assert.equal(asked, 2, 'the click asked again');
    } else {
      await page.getByRole('button', { name: 'Thử lại' }).waitFor();
    }
    await context.close();
  }
});
