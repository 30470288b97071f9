// One head per route: what a crawler reads with JavaScript off is what the
// page has once the app has taken over, and after the app navigated there.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, browserSuite, openPage, getJson, appReady } from './browser.mjs';

const suite = browserSuite();

// Title, description and canonical, with how many of each the head has.
const readHead = (page) => page.evaluate(() => {
  const all = (selector, attribute) => [...document.head.querySelectorAll(selector)].map((e) => e.getAttribute(attribute));
  return {
    title: [...document.querySelectorAll('title')].map((t) => t.textContent),
    description: all('meta[name="description"]', 'content'),
    canonical: all('link[rel="canonical"]', 'href'),
    ogTitle: all('meta[property="og:title"]', 'content'),
    robots: all('meta[name="robots"]', 'content'),
  };
});

async function routes() {
  const article = (await getJson('/api/v1/latest.json')).items[3];
  const [author] = (await getJson(`/api/v1/articles/${article.id}.json`)).authors;
  const big = suite.site.categories.find((c) => c.count >= 40);
  return [
    ['home', '/'],
    ['category page 1', `/c/${big.slug}/`],
    ['category archive', `/c/${big.slug}/luu-tru-1/`],
    ['article', article.path],
    ['not found', '/khong-co-trang-nay/'],
    ['search', '/tim-kiem/'],
    ['author', author.path],
    ['latest', '/tin-moi/'],
    ['topic', '/chu-de/ban-tin-luu-tru/'],
    ['latest archive', '/tin-moi/luu-tru-1/'],
  ];
}

test('every route has one title, description and canonical, the same with and without the app', async () => {
  for (const [name, path] of await routes()) {
    // JavaScript off: the document as a crawler reads it.
    const off = await openPage(suite.browser, { javaScriptEnabled: false });
    await off.page.goto(`${BASE_URL}${path}`);
    const document = await readHead(off.page);
    await off.context.close();
    for (const key of ['title', 'description', 'canonical']) {
      assert.equal(document[key].length, 1, `${name}: ${key} ×${document[key].length}`);
    }
    assert.ok(document.title[0].endsWith(suite.site.name), `${name}: ${document.title[0]}`);
    assert.ok(document.canonical[0].startsWith(suite.site.base_url), `${name}: ${document.canonical[0]}`);

    // The app has taken the page over.
    const on = await openPage(suite.browser);
    await on.page.goto(`${BASE_URL}${path}`);
    await appReady(on.page);
    await on.page.waitForLoadState('networkidle');
    assert.deepEqual(await readHead(on.page), document, `${name}: after the app started`);

    // The app navigates there from another page, through a real link.
    await on.page.goto(`${BASE_URL}${path === '/' ? '/c/' + suite.site.categories[0].slug + '/' : '/'}`);
    await appReady(on.page);
    await on.page.evaluate((href) => {
      window.__stillHere = true;
      const link = Object.assign(document.createElement('a'), { href, textContent: 'đi' });
      document.querySelector('main').append(link);
      link.click();
    }, path);
    // Wait for the new page's head (home and not-found share a canonical).
    await on.page.waitForFunction(
      ([title, canonical]) => document.title === title
        && document.querySelector('link[rel="canonical"]')?.href === canonical,
      [document.title[0], document.canonical[0]],
    );
    assert.equal(await on.page.evaluate(() => window.__stillHere), true, `${name}: a full page load`);
    const navigated = await readHead(on.page);
    assert.deepEqual(navigated, document, `${name}: after a client-side navigation`);
    assert.deepEqual(on.errors.filter((e) => !/status of 404/.test(e)), [], name);
    await on.context.close();
  }
});

test('the configurator has its own document head and loads no reader app', async () => {
  const { page, context, errors } = await openPage(suite.browser);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${BASE_URL}/widget/`);
  // Its form is enabled once its own module runs.
  await page.waitForFunction(() => !document.querySelector('.options').disabled);
  const head = await readHead(page);
  assert.deepEqual(head.title, [`Hộp tin cho trang đối tác – ${suite.site.name}`]);
  assert.deepEqual(head.canonical, [`${suite.site.base_url}/widget/`]);
  assert.equal(head.description.length, 1);
  assert.deepEqual(requests.filter((r) => /^\/(bantin-|start-)/.test(r)), [], 'the reader app was loaded');
  assert.ok(requests.includes('/configurator/bantin_configurator_bg.wasm'));
  // The footer's link to it is a full page load, not a route of the app.
  assert.equal(await page.locator('footer a[href="/widget/"]').getAttribute('rel'), 'external');
  assert.deepEqual(errors, []);
  await context.close();
});
