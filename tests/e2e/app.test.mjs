import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, launch, openPage, getJson } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('home fetches and shows the site name and the latest titles', async () => {
  const site = await getJson('/api/v1/site.json');
  const latest = await getJson('/api/v1/latest/1.json');
  const { page, context, errors } = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  const items = page.locator('main ul.headlines li');
  await items.first().waitFor();
  assert.equal(await items.count(), latest.items.length);
  const titles = await page.locator('main ul.headlines li a').allTextContents();
  assert.deepEqual(titles, latest.items.map((i) => i.title));
  assert.equal(await page.getByRole('link', { name: site.name }).count(), 1);
  assert.equal(await page.title(), site.name);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a click on a headline navigates without a full page load', async () => {
  const latest = await getJson('/api/v1/latest/1.json');
  const first = latest.items[0];
  const { page, context, errors } = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('link', { name: first.title }).waitFor();
  // A full load would wipe this marker.
  await page.evaluate(() => { window.__stillHere = true; });
  await page.getByRole('link', { name: first.title }).click();
  await page.waitForURL(`${BASE_URL}${first.path}`);
  await page.getByRole('heading', { level: 1, name: first.title }).waitFor();
  assert.equal(await page.evaluate(() => window.__stillHere), true);
  assert.match(await page.locator('article time').first().textContent(), /^Thứ|^Chủ nhật/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unknown path shows the Vietnamese not-found page with HTTP 404', async () => {
  const { page, context } = await openPage(browser);
  const response = await page.goto(`${BASE_URL}/khong-co-trang-nay/`);
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
  await context.close();
});
