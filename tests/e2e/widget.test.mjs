// The partner widget on pages of another origin (PARTNER_URL), as partners use it.
import { test, before, after } from 'node:test';
import { writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';

import { BASE_URL, launch, openPage, getJson } from './browser.mjs';

const PARTNER = process.env.PARTNER_URL ?? 'http://127.0.0.1:18081';
// The iframe snippet's sandbox (bantin_model::widget::FRAME_SANDBOX).
const SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Text and links inside a widget's shadow root.
const widget = (page, id) => page.evaluate((id) => {
  const root = document.getElementById(id)?.shadowRoot;
  if (!root) return null;
  const links = [...root.querySelectorAll('li a')];
  return {
    titles: links.map((a) => a.querySelector('.t').textContent),
    hrefs: links.map((a) => a.href),
    targets: links.map((a) => `${a.target} ${a.rel}`),
    box: root.querySelector('.box')?.className,
    fallback: root.querySelector('.fallback')?.href ?? null,
  };
}, id);

const styleOf = (page, id, selector, prop) => page.evaluate(([id, selector, prop]) => {
  const el = document.getElementById(id).shadowRoot.querySelector(selector);
  return getComputedStyle(el)[prop];
}, [id, selector, prop]);

test('two script embeds render their own categories, limits and themes', async () => {
  const politics = await getJson('/api/v1/headlines/chinh-tri.json');
  const health = await getJson('/api/v1/headlines/y-te.json');
  const { page, context, errors } = await openPage(browser, { width: 1280, height: 900 });
  await page.goto(`${PARTNER}/two.html`);
  await page.waitForFunction(() => document.getElementById('second')?.shadowRoot?.querySelectorAll('li').length === 2);
  await page.waitForFunction(() => document.getElementById('first')?.shadowRoot?.querySelectorAll('li').length === 3);
  const first = await widget(page, 'first');
  const second = await widget(page, 'second');
  assert.deepEqual(first.titles, politics.items.slice(0, 3).map((i) => i.title));
  assert.deepEqual(second.titles, health.items.slice(0, 2).map((i) => i.title));
  assert.match(first.box, /\bdark\b/);
  assert.match(second.box, /\blight\b.*\bcompact\b/);
  // Absolute links to the site; UTM only where the partner gave an id.
  assert.deepEqual(first.hrefs, politics.items.slice(0, 3).map((i) => i.url));
  assert.deepEqual(second.hrefs, health.items.slice(0, 2).map((i) => `${i.url}?utm_source=thpt-a&utm_medium=widget`));
  assert.ok(first.targets.every((t) => t === '_blank noopener'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile partner CSS does not reach the widget, ours does not leak, custom properties do', async () => {
  const { page, context } = await openPage(browser, { width: 1280, height: 900 });
  await page.goto(`${PARTNER}/two.html`);
  await page.waitForFunction(() => document.getElementById('second')?.shadowRoot?.querySelectorAll('li').length === 2);
  // `li { display: none }` and `* { font: 40px serif !important }` stay outside.
  assert.equal(await styleOf(page, 'first', 'li', 'display'), 'list-item');
  assert.equal(await styleOf(page, 'first', '.t', 'fontSize'), '15px');
  assert.notEqual(await styleOf(page, 'first', '.t', 'color'), 'rgb(255, 0, 0)');
  // The partner's accent custom property crosses the boundary.
  assert.equal(await styleOf(page, 'second', '.h', 'borderBottomColor'), 'rgb(0, 128, 0)');
  assert.equal(await styleOf(page, 'first', '.h', 'borderBottomColor'), 'rgb(255, 143, 133)');
  // The widget's `ul { list-style: none }` does not reach the partner's list.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('ul.partner-list')).listStyleType), 'square');
  await context.close();
});

test('a widget element added after load is mounted', async () => {
  const { page, context, errors } = await openPage(browser);
  await page.goto(`${PARTNER}/empty.html`);
  await page.waitForFunction((site) => window.__bantinSites?.[site] === true, new URL(BASE_URL).origin);
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.id = 'added';
    div.setAttribute('data-bantin-headlines', '');
    div.setAttribute('data-limit', '4');
    div.setAttribute('data-layout', 'thumbs');
    document.getElementById('later').appendChild(div);
  });
  await page.waitForFunction(() => document.getElementById('added')?.shadowRoot?.querySelectorAll('li').length === 4);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hosts that cannot hold a box are skipped with one warning; every other box mounts', async () => {
  const { page, context, errors } = await openPage(browser);
  const warnings = [];
  page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
  await page.goto(`${PARTNER}/odd-hosts.html`);
  await page.waitForFunction(() => document.getElementById('ok')?.shadowRoot?.querySelectorAll('li').length === 2);
  // One added later, after the odd ones, still mounts.
  await page.evaluate(() => {
    const late = Object.assign(document.createElement('div'), { id: 'late' });
    late.setAttribute('data-bantin-headlines', '');
    late.setAttribute('data-limit', '3');
    document.body.append(late);
  });
  await page.waitForFunction(() => document.getElementById('late')?.shadowRoot?.querySelectorAll('li').length === 3);
  // The partner's list and table are as they were.
  assert.equal(await page.locator('#in-list li').count(), 1);
  assert.equal(await page.locator('#in-cell').textContent(), 'Ô bảng');
  assert.equal(warnings.filter((w) => w.startsWith('bantin widget:')).length, 1, warnings.join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the iframe embed with target=_self opens articles in the whole tab', async () => {
  const { page, context, errors } = await openPage(browser, { width: 800, height: 900 });
  writeFileSync(`${process.env.PARTNER_DIR}/iframe-self.html`,
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Đối tác</title></head><body>'
    + `<iframe id="frame" src="${BASE_URL}/embed/headlines/?limit=2&target=_self" title="Tin mới" sandbox="${SANDBOX}" style="border:0;width:100%;height:400px"></iframe>`
    + '</body></html>');
  await page.goto(`${PARTNER}/iframe-self.html`);
  const frame = page.frameLocator('#frame');
  const first = frame.locator('#w').locator('li a').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('target'), '_top');
  const href = await first.getAttribute('href');
  await first.click();
  await page.waitForURL(href);
  assert.equal(page.url(), href, 'the tab, not the frame, shows the article');
  assert.deepEqual(errors.filter((e) => !/frame-ancestors|status of 404/.test(e)), []);
  await context.close();
});

test('the iframe embed renders and is sized to its content', async () => {
  const { page, context } = await openPage(browser, { width: 800, height: 900 });
  await page.goto(`${PARTNER}/iframe.html`);
  const frame = page.frameLocator('#frame');
  await frame.locator('#w').waitFor();
  await page.waitForFunction(() => parseInt(document.getElementById('frame').style.height, 10) > 200);
  const { outer, inner } = await page.evaluate(() => ({ outer: document.getElementById('frame').clientHeight }));
  const size = await page.frame({ url: /embed\/headlines/ }).evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    items: document.getElementById('w').shadowRoot.querySelectorAll('li').length,
  }));
  assert.equal(size.items, 4);
  assert.ok(outer >= size.scroll, `frame ${outer}px, content ${size.scroll}px: no inner scrollbar`);
  void inner;
  await context.close();
});

test('data down or malformed: a link to the site, no error on the partner page', async () => {
  for (const failure of ['500', 'malformed', 'offline']) {
    const { page, context, errors } = await openPage(browser);
    await page.route('**/api/v1/headlines/**', (route) => {
      if (failure === '500') return route.fulfill({ status: 500, body: 'lỗi' });
      if (failure === 'malformed') return route.fulfill({ status: 200, contentType: 'application/json', body: '{"site":"x","items":[{' });
      return route.abort('internetdisconnected');
    });
    await page.goto(`${PARTNER}/two.html`);
    await page.waitForFunction(() => document.getElementById('first')?.shadowRoot?.querySelector('.fallback'));
    assert.equal((await widget(page, 'first')).fallback, `${BASE_URL}/`, failure);
    assert.ok(errors.every((e) => !e.startsWith('uncaught')), `${failure}: ${errors.join('\n')}`);
    await context.close();
  }
});

test('a partner CSP without wasm-unsafe-eval still shows headlines through the iframe', async () => {
  const all = await getJson('/api/v1/headlines/all.json');
  const { page, context } = await openPage(browser);
  await page.goto(`${PARTNER}/csp.html`);
  await page.waitForFunction(() => document.getElementById('strict')?.shadowRoot?.querySelector('iframe'));
  const frame = page.frame({ url: /embed\/headlines\/\?limit=3/ }) ?? (await (async () => {
    await page.waitForTimeout(500);
    return page.frame({ url: /embed\/headlines/ });
  })());
  await frame.waitForFunction(() => document.getElementById('w')?.shadowRoot?.querySelectorAll('li').length === 3);
  const titles = await frame.evaluate(() => [...document.getElementById('w').shadowRoot.querySelectorAll('.t')].map((t) => t.textContent));
  assert.deepEqual(titles, all.items.slice(0, 3).map((i) => i.title));
  await context.close();
});

test('a partner configures the box on /widget/ and pastes the snippet into their page', async () => {
  const site = await getJson('/api/v1/site.json');
  const health = site.categories.find((c) => c.slug === 'y-te');
  const { page, context, errors } = await openPage(browser, { width: 1280, height: 900 });
  await page.goto(`${BASE_URL}/widget/`);
  await page.getByRole('heading', { level: 1, name: 'Hộp tin cho trang đối tác' }).waitFor();
  await page.getByRole('combobox', { name: 'Chuyên mục' }).selectOption(health.slug);
  await page.getByLabel('Số tin (1–20)').fill('2');
  await page.getByLabel('Số tin (1–20)').press('Tab');
  await page.getByRole('combobox', { name: 'Giao diện' }).selectOption('dark');
  await page.getByLabel('Mã đối tác (không bắt buộc)').fill('phuong-dong-van');
  // The live preview is the real widget, in the iframe embed.
  const preview = page.getByTitle('Xem trước hộp tin');
  await page.waitForFunction(() => document.querySelector('iframe[title="Xem trước hộp tin"]').src.includes('partner=phuong-dong-van'));
  assert.match(await preview.getAttribute('src'), /category=y-te&limit=2&theme=dark&partner=phuong-dong-van/);
  const snippet = await page.locator('pre.snippet code').first().textContent();
  assert.match(snippet, /data-category="y-te" data-limit="2" data-theme="dark" data-partner="phuong-dong-van"/);
  assert.match(snippet, new RegExp(`src="${BASE_URL}/embed.js"`));
  assert.deepEqual(errors, []);
  await context.close();

  // Pasted into a plain page on the partner's origin.
  writeFileSync(
    `${process.env.PARTNER_DIR}/pasted.html`,
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Phường</title></head><body><h1>Phường Đồng Văn</h1>${snippet}<p id="after">Tin của phường.</p></body></html>`,
  );
  const partner = await openPage(browser);
  // The snippet reserves the box's height: nothing on the partner's page moves.
  await partner.page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await partner.page.goto(`${PARTNER}/pasted.html`);
  const before = await partner.page.evaluate(() => document.getElementById('after').getBoundingClientRect().top);
  await partner.page.waitForFunction(() => document.querySelector('[data-bantin-headlines]')?.shadowRoot?.querySelectorAll('li').length === 2);
  const hrefs = await partner.page.evaluate(() => [...document.querySelector('[data-bantin-headlines]').shadowRoot.querySelectorAll('li a')].map((a) => a.href));
  assert.ok(hrefs.every((h) => h.startsWith(`${BASE_URL}/a/`) && h.endsWith('?utm_source=phuong-dong-van&utm_medium=widget')), hrefs.join('\n'));
  assert.equal(await partner.page.evaluate(() => document.getElementById('after').getBoundingClientRect().top), before);
  assert.equal(await partner.page.evaluate(() => window.__shift), 0);
  assert.deepEqual(partner.errors, []);
  await partner.context.close();
});

test('a page embedding two newsrooms: each script mounts its own boxes, old snippets too', async () => {
  const a = new URL(BASE_URL);
  // The second newsroom: the same server under another origin, its
  // headlines told apart on the way.
  const b = new URL(BASE_URL);
  b.hostname = 'localhost';
  const { page, context, errors } = await openPage(browser, { width: 1280, height: 1200 });
  const fetchedFrom = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/headlines/')) fetchedFrom.push(new URL(r.url()).origin); });
  await page.route(`${b.origin}/api/v1/headlines/**`, async (route) => {
    const response = await route.fetch();
    const data = await response.json();
    data.items.forEach((item) => { item.title = `B: ${item.title}`; });
    await route.fulfill({ response, json: data });
  });
  await page.goto(`${PARTNER}/two-newsrooms.html`);
  const counts = { 'new-b': 2, 'new-a': 3, 'old-b': 4, 'old-a': 5 };
  for (const [id, n] of Object.entries(counts)) {
    await page.waitForFunction(([id, n]) => document.getElementById(id)?.shadowRoot?.querySelectorAll('li').length === n, [id, n]);
  }
  for (const id of Object.keys(counts)) {
    const { titles } = await widget(page, id);
    const fromB = titles.every((t) => t.startsWith('B: '));
    const fromA = titles.every((t) => !t.startsWith('B: '));
    assert.ok(id.endsWith('-b') ? fromB : fromA, `${id}: ${titles.join(' | ')}`);
  }
  assert.deepEqual(await page.evaluate(() => Object.keys(window.__bantinSites).sort()), [a.origin, b.origin].sort());
  assert.deepEqual([...new Set(fetchedFrom)].sort(), [a.origin, b.origin].sort());
  assert.deepEqual(errors, []);
  await context.close();
});
