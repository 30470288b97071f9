// Search as a reader uses it: typed with or without diacritics, from the
// header's form with and without JavaScript, refined by typing, left and
// come back to; hostile text stays text; a failed index request can be retried.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, browserSuite, openPage, appReady, axe } from './browser.mjs';

const suite = browserSuite();

const searchUrl = (q) => `${BASE_URL}/tim-kiem/?q=${encodeURIComponent(q)}`;
const results = (page) => page.locator('main .search-result h2 a');
const status = (page) => page.getByRole('status');

async function firstResult(page, q) {
  await page.goto(searchUrl(q));
  await status(page).getByText(/kết quả cho/).waitFor();
  const first = results(page).first();
  return { title: await first.textContent(), href: await first.getAttribute('href') };
}

test('bong da, bóng đá and BÓNG ĐÁ find the same football article first', async () => {
  const { page, context, errors } = await openPage(suite.browser);
  const found = [];
  for (const q of ['bong da', 'bóng đá', 'BÓNG ĐÁ']) found.push(await firstResult(page, q));
  assert.match(found[0].title, /bóng đá/i);
  assert.deepEqual(found[1], found[0]);
  assert.deepEqual(found[2], found[0]);
  // The matched syllables are marked on the title as written.
  assert.deepEqual(await page.locator('main .search-result mark').first().textContent(), 'bóng');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the header form leads to the results, with the app and without JavaScript', async () => {
  // With the app: a client-side navigation.
  const on = await openPage(suite.browser, { width: 1280, height: 800 });
  await on.page.goto(`${BASE_URL}/`);
  await appReady(on.page);
  await on.page.evaluate(() => { window.__stillHere = true; });
  const header = on.page.getByRole('banner').getByRole('searchbox', { name: 'Tìm bài viết' });
  await header.fill('bong da');
  await header.press('Enter');
  await on.page.waitForURL(searchUrl('bong da'));
  await status(on.page).getByText('kết quả cho «bong da»').waitFor();
  assert.equal(await on.page.evaluate(() => window.__stillHere), true, 'a full page load');
  assert.ok(await results(on.page).count() >= 1);
  await on.context.close();

  // Without JavaScript: the plain GET form and the pre-rendered page.
  const off = await openPage(suite.browser, { javaScriptEnabled: false });
  await off.page.goto(`${BASE_URL}/`);
  const box = off.page.getByRole('banner').getByRole('searchbox', { name: 'Tìm bài viết' });
  await box.fill('bóng đá');
  await box.press('Enter');
  await off.page.waitForURL(/\/tim-kiem\/\?q=b%C3%B3ng\+%C4%91%C3%A1$/);
  await off.page.getByRole('heading', { level: 1, name: 'Tìm kiếm' }).waitFor();
  // Playwright turns scripts off but not the parser's scripting flag, so
  // the <noscript> is in the document but not rendered: read its text.
  assert.match(await off.page.locator('main noscript').textContent(), /Kết quả tìm kiếm cần JavaScript/);
  await off.context.close();
});

test('typing updates the results and the address; Back returns to them, then to the page before', async () => {
  const { page, context, errors } = await openPage(suite.browser);
  await page.goto(`${BASE_URL}/`);
  await appReady(page);
  const header = page.getByRole('banner').getByRole('searchbox', { name: 'Tìm bài viết' });
  await header.fill('thi xa');
  await header.press('Enter');
  await status(page).getByText('kết quả cho «thi xa»').waitFor();
  const field = page.getByRole('main').getByRole('searchbox', { name: 'Tìm bài viết' });
  assert.equal(await field.inputValue(), 'thi xa');
  await field.fill('');
  await field.pressSequentially('y tế', { delay: 40 });
  await status(page).getByText('kết quả cho «y tế»').waitFor();
  await page.waitForURL(searchUrl('y tế'));
  const first = results(page).first();
  const title = await first.textContent();
  await first.click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.goBack();
  await page.waitForURL(searchUrl('y tế'));
  await status(page).getByText('kết quả cho «y tế»').waitFor();
  assert.equal(await field.inputValue(), 'y tế');
  // Typing replaced the address: one Back more is the page before the search.
  await page.goBack();
  await page.waitForURL(`${BASE_URL}/`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a hostile query is shown as text; nothing matching says so', async () => {
  const { page, context, errors } = await openPage(suite.browser);
  let dialog = false;
  page.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
  const hostile = '<img src=x onerror=alert(1)>"\'&';
  await page.goto(searchUrl(hostile));
  await status(page).getByText(`«${hostile}»`).waitFor();
  assert.equal(await page.locator('main img[src="x"]').count(), 0);
  assert.equal(dialog, false);
  await page.goto(searchUrl('qqqzzz'));
  await status(page).getByText('Không tìm thấy kết quả cho «qqqzzz»').waitFor();
  await page.getByText('Hãy kiểm tra chính tả').waitFor();
  assert.equal(await results(page).count(), 0);
  // More than 100 characters: cut, still text.
  await page.goto(searchUrl('ậ'.repeat(150)));
  await status(page).getByText(`«${'ậ'.repeat(100)}»`).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a failed index request shows the retry, which recovers', async () => {
  const { page, context } = await openPage(suite.browser);
  let fail = true;
  await page.route('**/api/v1/search/**', (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(searchUrl('bóng đá'));
  await page.getByRole('alert').getByText('Không tải được nội dung').waitFor();
  fail = false;
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await status(page).getByText('kết quả cho «bóng đá»').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});

test('the results page: one head whatever the query, never indexed, and accessible', async () => {
  const { page, context, errors } = await openPage(suite.browser, { bypassCSP: true });
  await page.goto(searchUrl('người dân'));
  await status(page).getByText('kết quả cho «người dân»').waitFor();
  const head = await page.evaluate(() => ({
    title: document.title,
    canonical: document.querySelector('link[rel="canonical"]').href,
    robots: document.querySelector('meta[name="robots"]').content,
  }));
  assert.equal(head.title, `Tìm kiếm – ${suite.site.name}`);
  assert.equal(head.canonical, `${suite.site.base_url}/tim-kiem/`);
  assert.equal(head.robots, 'noindex');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});
