// Real photos as a reader on a phone meets them: the article with a 16 MB
// camera file (added to the sample by `cargo xtask e2e`, id 9001).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, browserSuite, openPage, getJson, watchLayoutShift } from './browser.mjs';

const suite = browserSuite();
const CAMERA_ARTICLE = 9001;

test('on a phone the 16 MB photo arrives as a WebP of at most 150 KB, in its colour box, and nothing moves', async () => {
  const article = await getJson(`/api/v1/articles/${CAMERA_ARTICLE}.json`);
  assert.equal(article.image.width, 5640);
  // Lighthouse's phone: 412×823 at device scale 1.75.
  const { page, context, errors } = await openPage(suite.browser, { width: 412, height: 823, deviceScaleFactor: 1.75 });
  await watchLayoutShift(page);
  await page.goto(`${BASE_URL}${article.path}`);
  const hero = page.locator('.hero img');
  await page.waitForFunction(() => {
    const img = document.querySelector('.hero img');
    return img?.complete && img.naturalWidth > 0;
  });
  const current = await hero.evaluate((img) => img.currentSrc);
  assert.match(current, /\/media\/[0-9a-f]{16}-\d+\.webp$/, current);
  const bytes = (await (await fetch(current)).arrayBuffer()).byteLength;
  assert.ok(bytes <= 150_000, `${current}: ${bytes} bytes`);
  // The box has the photo's proportions and colour before the photo arrives.
  const style = await page.locator('.hero .pic').getAttribute('style');
  assert.match(style, /aspect-ratio: 5640 \/ 3172;/);
  assert.match(style, new RegExp(`background-color: ${article.image.color};`));
  assert.equal(await hero.getAttribute('sizes'), '(min-width: 44rem) 42rem, 100vw');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__cls), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('list thumbnails load small variants and share cards are 1200×630', async () => {
  const { page, context } = await openPage(suite.browser, { width: 412, height: 823, deviceScaleFactor: 1.75 });
  const article = await getJson(`/api/v1/articles/${CAMERA_ARTICLE}.json`);
  await page.goto(`${BASE_URL}/c/${article.category.slug}/`);
  const thumb = page.locator(`.card-thumb[href="${article.path}"] img`).first();
  await thumb.scrollIntoViewIfNeeded();
  await page.waitForFunction((path) => {
    const img = document.querySelector(`.card-thumb[href="${path}"] img`);
    return img?.complete && img.naturalWidth > 0;
  }, article.path);
  const current = await thumb.evaluate((img) => img.currentSrc);
  const bytes = (await (await fetch(current)).arrayBuffer()).byteLength;
  assert.ok(bytes <= 20_000, `${current}: ${bytes} bytes`);
  // The article's share card.
  await page.goto(`${BASE_URL}${article.path}`);
  const og = (p) => page.locator(`meta[property="${p}"]`).getAttribute('content');
  assert.match(await og('og:image'), /-card\.jpg$/);
  assert.equal(await og('og:image:width'), '1200');
  assert.equal(await og('og:image:height'), '630');
  await context.close();
});
