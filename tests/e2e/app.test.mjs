import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, launch, openPage, getJson, appReady } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('home fetches and shows the site name and the latest titles', async () => {
  const site = await getJson('/api/v1/site.json');
  const home = await getJson('/api/v1/home.json');
  const { page, context, errors } = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { level: 2, name: home.lead.title }).waitFor();
  const titles = await page.locator('main .latest .card-title a').allTextContents();
  assert.deepEqual(titles, home.latest.map((i) => i.title));
  assert.ok(titles.length >= 10);
  assert.equal(await page.getByRole('link', { name: site.name }).count(), 1);
  for (const section of home.sections) {
    await page.getByRole('heading', { level: 2, name: section.category.name }).waitFor();
  }
  assert.equal(await page.title(), site.name);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a click on a headline navigates without a full page load', async () => {
  const first = (await getJson('/api/v1/home.json')).latest[0];
  const { page, context, errors } = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  const link = page.getByRole('heading', { name: first.title }).getByRole('link').first();
  await link.waitFor();
  await appReady(page);
  // A full load would wipe this marker.
  await page.evaluate(() => { window.__stillHere = true; });
  await link.click();
  await page.waitForURL(`${BASE_URL}${first.path}`);
  await page.getByRole('heading', { level: 1, name: first.title }).waitFor();
  assert.equal(await page.evaluate(() => window.__stillHere), true);
  assert.match(await page.locator('.dateline time').first().textContent(), /^(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật), \d\d\/\d\d\/\d{4}, \d\d:\d\d \(GMT\+7\)$/);
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
