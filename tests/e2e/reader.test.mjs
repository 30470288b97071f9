// The reader's journeys: browse, read, fail and recover, in a phone-sized
// window unless a test says otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, launch, openPage, getJson, axe, watchLayoutShift, appReady } from './browser.mjs';

let browser;
let site;
before(async () => {
  browser = await launch();
  site = await getJson('/api/v1/site.json');
});
after(async () => {
  await browser?.close();
});

const markPage = (page) => page.evaluate(() => { window.__sameDocument = true; });
const sameDocument = (page) => page.evaluate(() => window.__sameDocument === true);

test('browse: home → category → its archive → article → back, all client-side', async () => {
  const big = site.categories.find((c) => c.count >= 40);
  const page2 = await getJson(`/api/v1/categories/${big.slug}/archive/1.json`);
  const { page, context, errors } = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name: big.name }).waitFor();
  await appReady(page);
  await markPage(page);

  await page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name: big.name }).click();
  await page.waitForURL(`${BASE_URL}/c/${big.slug}/`);
  await page.getByRole('heading', { level: 1, name: big.name }).waitFor();

  await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Lưu trữ 1' }).click();
  await page.waitForURL(`${BASE_URL}/c/${big.slug}/luu-tru-1/`);
  await page.getByRole('heading', { level: 1, name: `${big.name} – lưu trữ 1` }).waitFor();
  const titles = await page.locator('main .card-title a').allTextContents();
  assert.deepEqual(titles, page2.items.map((i) => i.title));

  const target = page2.items[0];
  await page.getByRole('heading', { level: 2, name: target.title }).getByRole('link').click();
  await page.waitForURL(`${BASE_URL}${target.path}`);
  await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
  // Focus follows the navigation to the new page's heading (in the frame
  // after the page is shown: waited for, not raced).
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 5000 });
  assert.equal(await page.title(), `${target.title} – ${site.name}`);

  await page.goBack();
  await page.waitForURL(`${BASE_URL}/c/${big.slug}/luu-tru-1/`);
  await page.getByRole('heading', { level: 1, name: `${big.name} – lưu trữ 1` }).waitFor();
  assert.equal(await sameDocument(page), true, 'no full page load on the way');
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Mới nhất" from the header, paged through to the oldest article, all client-side', async () => {
  const latest = await getJson('/api/v1/latest.json');
  const { page, context, errors } = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  const sections = page.getByRole('navigation', { name: 'Chuyên mục' });
  await appReady(page);
  await markPage(page);
  await sections.getByRole('link', { name: 'Mới nhất' }).click();
  await page.waitForURL(`${BASE_URL}/tin-moi/`);
  await page.getByRole('heading', { level: 1, name: 'Tin mới nhất' }).waitFor();
  const crumbs = page.getByRole('navigation', { name: 'Đường dẫn' });
  assert.equal(await crumbs.getByRole('link', { name: 'Trang chủ' }).getAttribute('href'), '/');
  const seen = [];
  for (let block = 0; ; block += 1) {
    const shown = await page.locator('main .card-title a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    seen.push(...shown);
    const older = page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: /Cũ hơn/ });
    if ((await older.count()) === 0) break;
    await older.click();
    await page.waitForFunction(
      (first) => document.querySelector('main .card-title a')?.getAttribute('href') !== first,
      shown[0],
    );
    await page.getByRole('heading', { level: 1, name: /^Tin mới nhất – lưu trữ \d+$/ }).waitFor();
  }
  assert.equal(seen.length, latest.total, 'every published article');
  assert.equal(new Set(seen).size, seen.length, 'no article twice');
  assert.equal(seen[0], latest.items[0].path, 'newest first');
  assert.equal(await sameDocument(page), true, 'no full page load on the way');

  // The home page's "Tin mới nhất" heading leads to the same page.
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { level: 2, name: 'Tin mới nhất' }).getByRole('link').click();
  await page.waitForURL(`${BASE_URL}/tin-moi/`);
  await page.getByRole('heading', { level: 1, name: 'Tin mới nhất' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('an article\'s topic leads to its page, client-side, with the breadcrumb; related shares it', async () => {
  const topic = await getJson('/api/v1/topics/ban-tin-luu-tru.json');
  assert.equal(topic.topic.name, 'Bản tin lưu trữ');
  const start = await getJson(`/api/v1/articles/${topic.items[2].id}.json`);
  // "Tin liên quan" takes the articles on its topic first.
  const onTopic = new Set(topic.items.map((i) => i.id));
  assert.ok(start.related.length > 0 && start.related.every((r) => onTopic.has(r.id)), 'related on the topic');
  const { page, context, errors } = await openPage(browser);
  await page.goto(`${BASE_URL}${start.path}`);
  await appReady(page);
  await markPage(page);
  const line = page.locator('p', { hasText: /^Chủ đề:/ });
  await line.getByRole('link', { name: 'Bản tin lưu trữ' }).click();
  await page.waitForURL(`${BASE_URL}/chu-de/ban-tin-luu-tru/`);
  await page.getByRole('heading', { level: 1, name: 'Bản tin lưu trữ' }).waitFor();
  const crumbs = page.getByRole('navigation', { name: 'Đường dẫn' });
  assert.equal(await crumbs.getByRole('link', { name: 'Trang chủ' }).getAttribute('href'), '/');
  assert.equal(await crumbs.getByRole('link', { name: 'Bản tin lưu trữ' }).getAttribute('href'), '/chu-de/ban-tin-luu-tru/');
  const titles = await page.locator('main .card-title a').allTextContents();
  assert.deepEqual(titles, topic.items.map((i) => i.title));
  assert.equal(await sameDocument(page), true, 'no full page load on the way');
  assert.equal(await page.title(), `Bản tin lưu trữ – ${site.name}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('deep link to an article shows everything the reader needs', async () => {
  const withImage = (await getJson('/api/v1/latest.json')).items.find((i) => i.image?.width);
  const article = await getJson(`/api/v1/articles/${withImage.id}.json`);
  const { page, context, errors } = await openPage(browser, { width: 1280, height: 800 });
  await page.goto(`${BASE_URL}${article.path}`);
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  assert.equal(await h1.textContent(), article.title);
  assert.equal(await page.locator('h1').count(), 1, 'the title is the only h1');
  for (const author of article.authors) {
    await page.locator('.byline').getByRole('link', { name: author.name }).waitFor();
  }
  assert.equal(await page.locator('.dateline time').first().getAttribute('datetime'), article.published);
  const img = page.locator('.hero img');
  assert.equal(await img.getAttribute('src'), article.image.src);
  assert.equal(await img.getAttribute('alt'), article.title);
  assert.equal(await img.getAttribute('width'), String(article.image.width));
  assert.equal(await img.getAttribute('height'), String(article.image.height));
  assert.deepEqual(await page.locator('.article-body p').allTextContents(), article.body);
  assert.equal(await page.locator('.article-lead').textContent(), article.lead);
  await page.getByRole('link', { name: 'Trang chủ' }).first().waitFor();
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  assert.equal(canonical, `${site.base_url}${article.path}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a wrong slug is replaced by the canonical path', async () => {
  const item = (await getJson('/api/v1/latest.json')).items[3];
  const { page, context } = await openPage(browser);
  await page.goto(`${BASE_URL}/a/${item.id}/sai-duong-dan/`);
  await page.waitForURL(`${BASE_URL}${item.path}`);
  await page.getByRole('heading', { level: 1, name: item.title }).waitFor();
  await context.close();
});

test('the sample article: a placeholder for its remote photo, the station logo as its source logo', async () => {
  const article = await getJson('/api/v1/articles/1678.json');
  const { page, context, errors } = await openPage(browser);
  await page.goto(`${BASE_URL}${article.path}`);
  await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
  await page.locator('.hero .pic-fallback').waitFor();
  assert.equal(await page.locator('.hero img').count(), 0);
  // The station's own article shows the site's logo, a local photo, not
  // the old site's http:// copy (which an https page would block).
  assert.equal(article.source.logo, site.logo);
  const logo = page.locator('.source .source-logo');
  await logo.scrollIntoViewIfNeeded();
  assert.equal(await logo.getAttribute('src'), site.logo);
  await page.waitForFunction(() => document.querySelector('.source-logo')?.naturalWidth > 0);
  await page.getByText(`Nguồn: ${article.source.name}`).waitFor();
  assert.equal(await page.locator('.credit').textContent(), `Tác giả bài viết: ${article.credit}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a failed request shows a retry that recovers', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(`${BASE_URL}/`);
  const nav = page.getByRole('navigation', { name: 'Chuyên mục' });
  const category = site.categories[1];
  await nav.getByRole('link', { name: category.name }).waitFor();
  await appReady(page);
  let fail = true;
  // The page's document, as the start script fetches it (not a document load).
  await page.route(`${BASE_URL}/c/${category.slug}/`, (route) =>
    fail && route.request().resourceType() === 'fetch' ? route.abort('internetdisconnected') : route.continue());
  await nav.getByRole('link', { name: category.name }).click();
  await page.getByRole('alert').getByText('Không tải được nội dung').waitFor();
  fail = false;
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await page.getByRole('heading', { level: 1, name: category.name }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await context.close();
});

test('truncated JSON shows the error state, not a dead page', async () => {
  const { page, context, errors } = await openPage(browser);
  // The search page is the one that reads JSON in the browser.
  await page.route('**/api/v1/search/**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"terms":[["bong",[1,' }));
  await page.goto(`${BASE_URL}/tim-kiem/?q=${encodeURIComponent('bóng đá')}`);
  await page.getByRole('button', { name: 'Thử lại' }).waitFor();
  assert.ok(errors.every((e) => !e.startsWith('uncaught')), errors.join('\n'));
  await context.close();
});

test('an out-of-range archive block and a missing article are not found', async () => {
  const { page, context } = await openPage(browser);
  for (const path of ['/c/the-thao/luu-tru-9/', '/a/999999/khong-co/', '/c/khong-co-muc/']) {
    await page.goto(`${BASE_URL}${path}`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
  }
  await context.close();
});

test('the font-size control changes and remembers the text size', async () => {
  const item = (await getJson('/api/v1/latest.json')).items[0];
  const { page, context } = await openPage(browser);
  await page.goto(`${BASE_URL}${item.path}`);
  await appReady(page);
  const body = page.locator('.article-body p').first();
  const size = () => body.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await size();
  await page.getByRole('button', { name: 'Tăng cỡ chữ' }).click();
  await page.waitForFunction((b) => parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize) > b, before);
  const larger = await size();
  await page.reload();
  // Applied before the app starts, from the pre-rendered page on.
  await page.waitForLoadState('domcontentloaded');
  await body.waitFor();
  assert.equal(await size(), larger, 'remembered after a reload');
  await appReady(page);
  assert.equal(await size(), larger, 'kept when the app starts');
  await context.close();
});

test('before the app starts, the pre-rendered A−/A+ buttons already work', async () => {
  const item = (await getJson('/api/v1/latest.json')).items[0];
  const { page, context } = await openPage(browser);
  // The app never arrives (a slow network, frozen): the page must still work.
  await page.route(/\.wasm$/, () => {});
  await page.goto(`${BASE_URL}${item.path}`, { waitUntil: 'domcontentloaded' });
  const body = page.locator('.article-body p').first();
  const size = () => body.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await size();
  const larger = page.getByRole('button', { name: 'Tăng cỡ chữ' });
  for (let i = 0; i < 5; i += 1) {
    if (await larger.isEnabled()) await larger.click();
  }
  assert.ok((await size()) > before);
  assert.equal(await larger.isDisabled(), true, 'A+ is disabled at the largest size');
  assert.equal(await page.evaluate(() => localStorage.getItem('bantin.fontScale')), '4');
  await page.getByRole('button', { name: 'Giảm cỡ chữ' }).click();
  assert.equal(await page.evaluate(() => localStorage.getItem('bantin.fontScale')), '3');
  await context.close();
});

test('layout shift while a deep link starts is at most 0.02', async () => {
  const item = (await getJson('/api/v1/latest.json')).items.find((i) => i.image?.width);
  const { page, context } = await openPage(browser);
  await watchLayoutShift(page);
  await page.goto(`${BASE_URL}${item.path}`);
  await page.getByRole('heading', { level: 1, name: item.title }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const cls = await page.evaluate(() => window.__cls);
  assert.ok(cls <= 0.02, `CLS ${cls}`);
  await context.close();
});

test('axe finds no violations on home, category, article and not-found', async () => {
  const item = (await getJson('/api/v1/latest.json')).items[0];
  const pages = [
    ['/', 'Tin mới nhất'],
    [`/c/${site.categories[0].slug}/`, site.categories[0].name],
    [item.path, item.title],
    ['/khong-co/', 'Không tìm thấy trang'],
  ];
  for (const [path, text] of pages) {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      const { page, context } = await openPage(browser, { ...viewport, bypassCSP: true });
      await page.goto(`${BASE_URL}${path}`);
      await page.getByRole('heading', { name: text }).first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await axe(page), [], `${path} at ${viewport.width}px`);
      await context.close();
    }
  }
});
