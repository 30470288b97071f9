// The built site behind nginx with the shipped config, as readers, crawlers
// and hosts meet it: deep links, redirects, headers, feeds, no-JS content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

import { BASE_URL, browserSuite, openPage, getJson, appReady } from './browser.mjs';

const suite = browserSuite();

test('deep links answer with the right status and page', async () => {
  const article = (await getJson('/api/v1/latest.json')).items[2];
  const big = suite.site.categories.find((c) => c.count >= 40);
  const cases = [
    [article.path, 200, article.title],
    [`/c/${big.slug}/luu-tru-1/`, 200, `${big.name} – lưu trữ 1`],
    // An old page number (newest first, before the archive): no file, so
    // the not-found document's script goes to the block that now holds its
    // oldest article.
    [`/c/${big.slug}/2/`, 404, `${big.name} – lưu trữ 1`],
    ['/widget/', 200, 'Hộp tin cho trang đối tác'],
    ['/khong-co-trang-nay/', 404, 'Không tìm thấy trang'],
  ];
  for (const [path, status, heading] of cases) {
    const { page, context, errors } = await openPage(suite.browser);
    const response = await page.goto(`${BASE_URL}${path}`);
    assert.equal(response.status(), status, path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    // The CSP is on every document; a violation would be a console error.
    assert.ok(response.headers()['content-security-policy'].includes("script-src 'self' 'wasm-unsafe-eval'"));
    assert.deepEqual(errors.filter((e) => !/status of 404/.test(e)), [], path);
    await context.close();
  }
});

test('the pre-rendered page stays the page: the same h1, no request for its data', async () => {
  const article = (await getJson('/api/v1/latest.json')).items[1];
  const big = suite.site.categories.find((c) => c.count >= 40);
  const cases = [
    ['/', 'Tin mới nhất', '/api/v1/home.json'],
    [`/c/${big.slug}/luu-tru-1/`, `${big.name} – lưu trữ 1`, `/api/v1/categories/${big.slug}/archive/1.json`],
    [article.path, article.title, `/api/v1/articles/${article.id}.json`],
  ];
  for (const [path, heading, data] of cases) {
    const { page, context, errors } = await openPage(suite.browser);
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${BASE_URL}${path}`, { waitUntil: 'domcontentloaded' });
    await page.evaluate(() => { window.__prerendered = document.querySelector('main h1, main h2'); });
    await appReady(page);
    await page.waitForLoadState('networkidle');
    const same = await page.evaluate(() => window.__prerendered?.isConnected
      && window.__prerendered === document.querySelector('main h1, main h2'));
    assert.equal(same, true, `${path}: the pre-rendered heading is still the page's`);
    await page.getByRole('heading', { name: heading }).first().waitFor();
    assert.deepEqual(requests.filter((r) => r === data || r === '/api/v1/site.json'), [], `${path} fetched its data again`);
    assert.deepEqual(errors, [], path);
    await context.close();
  }
});

test('short and old-site links land on the canonical article', async () => {
  const article = await getJson('/api/v1/articles/1678.json');
  const oldPath = new URL(article.source.url).pathname;
  for (const path of [`/a/${article.id}/`, oldPath]) {
    const { page, context } = await openPage(suite.browser);
    await page.goto(`${BASE_URL}${path}`);
    await page.waitForURL(`${BASE_URL}${article.path}`);
    await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
    await context.close();
  }
});

// Which `_headers` rule applies to a path (patterns do not overlap).
function headersRule(rules, path) {
  const match = (pattern) => (pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern);
  return rules.find(([pattern]) => match(pattern))?.[1] ?? {};
}

function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) rules.push([line.trim(), {}]);
    else {
      const [name, ...value] = line.trim().split(':');
      rules.at(-1)[1][name.toLowerCase()] = value.join(':').trim();
    }
  }
  return rules;
}

test('responses carry the headers, and _headers states the same rules as nginx', async () => {
  const rules = parseHeadersFile(readFileSync(`${process.env.SITE_DIR}/_headers`, 'utf8'));
  const files = readdirSync(process.env.SITE_DIR);
  const [wasm, css, start] = [/^bantin-[0-9a-f]+_bg\.wasm$/, /^main-[0-9a-f]+\.css$/, /^start-[0-9a-f]+\.js$/]
    .map((re) => `/${files.find((f) => re.test(f))}`);
  const article = (await getJson('/api/v1/latest.json')).items[0];
  const paths = ['/', article.path, '/c/y-te/', '/widget/', '/api/v1/site.json', '/embed/headlines/', '/embed.js',
    '/embed/bantin_widget_bg.wasm', '/configurator/bantin_configurator_bg.wasm', suite.site.logo, wasm, css, start,
    '/tim-kiem/', '/ngoai-tuyen/', '/sw.js', '/offline.js', '/manifest.webmanifest', '/icon-192.png'];
  const names = ['content-security-policy', 'access-control-allow-origin', 'cache-control', 'x-content-type-options', 'referrer-policy',
    'strict-transport-security'];
  for (const path of paths) {
    const response = await fetch(`${BASE_URL}${path}`);
    assert.equal(response.status, 200, path);
    const want = headersRule(rules, path);
    for (const name of names) {
      assert.equal(response.headers.get(name) ?? undefined, want[name], `${name} of ${path}`);
    }
    // Every answer: HTTPS once seen over it, and never sniffed.
    assert.equal(response.headers.get('strict-transport-security'), 'max-age=31536000', path);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
  }
  const embed = await fetch(`${BASE_URL}/embed/headlines/`);
  assert.match(embed.headers.get('content-security-policy'), /frame-ancestors \*/);
  const home = await fetch(`${BASE_URL}/`);
  assert.match(home.headers.get('content-security-policy'), /frame-ancestors 'self'/);
  assert.match((await fetch(`${BASE_URL}${wasm}`)).headers.get('cache-control'), /immutable/);
  const media = await fetch(`${BASE_URL}${suite.site.logo}`);
  assert.match(media.headers.get('cache-control'), /immutable/);
  assert.match(media.headers.get('content-security-policy'), /default-src 'none'.*sandbox/);
  assert.equal(media.headers.get('x-content-type-options'), 'nosniff');
});

test('a script in a media file never runs in the site\'s origin', async () => {
  // An SVG (or HTML) that found its way into media/, opened directly.
  writeFileSync(`${process.env.SITE_DIR}/media/e2e-hostile.svg`,
    '<svg xmlns="http://www.w3.org/2000/svg"><script>document.title = "ran"; parent.postMessage("ran", "*")</script></svg>');
  const { page, context } = await openPage(suite.browser);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const response = await page.goto(`${BASE_URL}/media/e2e-hostile.svg`);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-security-policy'], /sandbox/);
  await page.waitForTimeout(300);
  assert.notEqual(await page.title(), 'ran');
  // Sandboxed: an opaque origin, no access to the site's storage.
  assert.equal(await page.evaluate(() => { try { return localStorage.length >= 0; } catch { return 'blocked'; } }), 'blocked');
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('without JavaScript an article page holds its text, share card and JSON-LD', async () => {
  const article = await getJson(`/api/v1/articles/${(await getJson('/api/v1/latest.json')).items[1].id}.json`);
  const { page, context } = await openPage(suite.browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}${article.path}`);
  assert.equal(await page.title(), `${article.title} – ${suite.site.name}`);
  // The page itself, pre-rendered by the app's own components.
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), article.title);
  assert.equal(await page.locator('.article-lead').textContent(), article.lead);
  assert.deepEqual(await page.locator('.article-body p').allTextContents(), article.body);
  assert.equal(await page.locator('.dateline time').first().getAttribute('datetime'), article.published);
  const meta = (sel) => page.locator(sel).getAttribute('content');
  assert.equal(await meta('meta[property="og:title"]'), article.title);
  assert.equal(await meta('meta[name="description"]'), article.lead);
  assert.equal(await meta('meta[property="og:url"]'), `${suite.site.base_url}${article.path}`);
  // The share card where the photo is large enough for one, else the photo.
  assert.equal(await meta('meta[property="og:image"]'), new URL(article.image.card ?? article.image.src, suite.site.base_url).href);
  assert.equal(await meta('meta[property="article:published_time"]'), article.published);
  const graph = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent())['@graph'];
  const ld = graph.find((n) => n['@type'] === 'NewsArticle');
  assert.equal(await meta('meta[name="robots"]'), 'max-image-preview:large');
  assert.equal(ld.headline, article.title);
  assert.equal(ld.datePublished, article.published);
  assert.match(ld.datePublished, /\+07:00$/);
  assert.deepEqual(ld.author.map((a) => a.name), article.authors.map((a) => a.name));
  assert.equal(ld.publisher.name, suite.site.name);
  assert.equal(ld.publisher.logo.url, `${suite.site.base_url}${suite.site.logo}`);
  // The breadcrumb a reader sees is the one the structured data names.
  const crumbs = graph.find((n) => n['@type'] === 'BreadcrumbList').itemListElement;
  const trail = page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link');
  assert.deepEqual(await trail.allTextContents(), ['Trang chủ', article.category.name]);
  assert.deepEqual(crumbs.map((c) => c.name), ['Trang chủ', article.category.name]);
  assert.deepEqual(crumbs.map((c) => c.item), [`${suite.site.base_url}/`, `${suite.site.base_url}/c/${article.category.slug}/`]);
  await context.close();
});

test('list pages show their breadcrumb, and the home page names the newsroom', async () => {
  const { page, context } = await openPage(suite.browser);
  // A category with an archive block, reached at that block.
  const category = suite.site.categories.find((c) => c.count >= 40);
  await page.goto(`${BASE_URL}/c/${category.slug}/luu-tru-1/`);
  const trail = page.getByRole('navigation', { name: 'Đường dẫn' });
  assert.deepEqual(await trail.getByRole('link').allTextContents(), ['Trang chủ', category.name]);
  await trail.getByRole('link', { name: category.name }).click();
  await page.waitForURL(`${BASE_URL}/c/${category.slug}/`);
  await page.goto(`${BASE_URL}/`);
  const graph = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent())['@graph'];
  assert.deepEqual(graph.map((n) => n['@type']), ['Organization', 'WebSite']);
  assert.equal(graph[1].name, suite.site.name);
  await context.close();
});

test('feeds and the sitemap parse as XML and their links resolve', async () => {
  const { page, context } = await openPage(suite.browser);
  await page.goto(`${BASE_URL}/`);
  // The sitemap is an index: its children are read in turn.
  const files = ['/rss.xml', '/c/kinh-te/rss.xml', '/sitemap.xml'];
  const sitemaps = [];
  for (const path of files) {
    const text = await (await fetch(`${BASE_URL}${path}`)).text();
    const links = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      if (doc.querySelector('parsererror')) return null;
      return [...doc.querySelectorAll('item > link, url > loc, sitemap > loc')].map((n) => n.textContent);
    }, text);
    assert.ok(links && links.length > 0, `${path} parses and has links`);
    for (const link of links) {
      assert.ok(link.startsWith(`${BASE_URL}/`), link);
      assert.equal((await fetch(link)).status, 200, link);
      if (link.endsWith('.xml') && path === '/sitemap.xml') {
        sitemaps.push(link);
        files.push(link.slice(BASE_URL.length));
      }
    }
  }
  assert.ok(sitemaps.some((s) => s.endsWith('/sitemaps/pages.xml')), sitemaps.join('\n'));
  assert.ok(sitemaps.length >= 2, 'the articles have their own sitemaps');
  const robots = await (await fetch(`${BASE_URL}/robots.txt`)).text();
  assert.match(robots, new RegExp(`Sitemap: ${BASE_URL}/sitemap.xml`));
  await context.close();
});

test('the app takes over a pre-rendered page without fetching its data again or moving it', async () => {
  const item = (await getJson('/api/v1/latest.json')).items.find((i) => i.image?.width);
  const { page, context, errors } = await openPage(suite.browser);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${BASE_URL}${item.path}`);
  await page.waitForLoadState('networkidle');
  // The app is running: its font-size control exists only in the app.
  await page.getByRole('button', { name: 'Tăng cỡ chữ' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), item.title);
  assert.ok(!requests.includes(`/api/v1/articles/${item.id}.json`), requests.join('\n'));
  assert.ok(!requests.includes('/api/v1/site.json'), requests.join('\n'));
  assert.ok((await page.evaluate(() => window.__cls)) <= 0.02);
  assert.deepEqual(errors, []);
  await context.close();
});
