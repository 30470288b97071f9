// Reading offline: the service worker keeps what the reader read. The site
// is served here by a small server of the test's own, on its own origin,
// so that the network can really go away (stopping the server) and a new
// build can be deployed under the worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

import { launch, openPage, axe } from './browser.mjs';

const PORT = 18083;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.webp': 'image/webp', '.webmanifest': 'application/manifest+json', '.xml': 'application/xml',
};

let root = process.env.SITE_DIR;
let server;
const sockets = new Set();

// A broken deploy: sw.js deleted (the kill switch) and an app that cannot
// load, behind a start script the worker has never seen (a new build's).
let broken = false;
async function brokenAnswer(path) {
  if (path === '/sw.js') return [404, 'text/plain', 'gone'];
  const start = (await readdir(root)).find((f) => /^start-[0-9a-f]+\.js$/.test(f));
  if (path === '/start-broken.js') {
    const code = await readFile(join(root, start), 'utf8');
    return [200, 'text/javascript', code.replace(/\/bantin-[0-9a-f]+\.js/g, '/bantin-missing.js')];
  }
  if (path.endsWith('/')) {
    const html = await readFile(join(root, path, 'index.html'), 'utf8');
    return [200, 'text/html; charset=utf-8', html.replaceAll(`/${start}`, '/start-broken.js')];
  }
  return null;
}

async function serve(request, response) {
  const path = normalize(decodeURIComponent(new URL(request.url, ORIGIN).pathname));
  const answer = broken && await brokenAnswer(path);
  if (answer) {
    response.writeHead(answer[0], { 'content-type': answer[1], 'cache-control': 'no-cache' });
    response.end(request.method === 'HEAD' ? undefined : answer[2]);
    return;
  }
  let file = join(root, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(await readFile(join(root, '404.html')));
  }
}

const start = () => new Promise((resolve) => {
  server = createServer(serve);
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  server.listen(PORT, '127.0.0.1', resolve);
});
// The network goes away: no server, every open connection cut.
const stop = () => new Promise((resolve) => {
  for (const s of sockets) s.destroy();
  server.close(resolve);
});

const json = async (path) => JSON.parse(await readFile(join(root, path), 'utf8'));
const buildOf = async (dir) => (await readFile(join(dir, 'sw.js'), 'utf8')).match(/const BUILD = ["']([0-9a-f]+)["']/)[1];

let browser;
before(async () => { browser = await launch(); await start(); });
after(async () => { await browser?.close(); if (server.listening) await stop(); });

// Waits until the worker controls the page and has kept `path`.
const kept = (page, path) => page.waitForFunction(async (p) => {
  const cache = await caches.open('bantin-articles');
  return Boolean(await cache.match(p));
}, path, { polling: 200 });

test('read once, read again offline; an article never opened shows the offline page', async () => {
  const changed = Number(process.env.CHANGED_ARTICLE);
  const latest = (await json('api/v1/latest.json')).items;
  const article = await json(`api/v1/articles/${changed}.json`);
  const unvisited = latest.find((i) => i.id !== changed);
  const { page, context, errors } = await openPage(browser, { serviceWorkers: 'allow' });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { polling: 200 });
  await page.goto(`${ORIGIN}${article.path}`);
  await kept(page, article.path);
  await kept(page, `/api/v1/articles/${changed}.json`);

  await stop();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
  assert.deepEqual(await page.locator('.article-body p').allTextContents(), article.body);
  await page.getByRole('complementary', { name: 'Bản đã lưu' }).getByText('Bạn đang ngoại tuyến').waitFor();

  await page.goto(`${ORIGIN}${unvisited.path}`);
  await page.getByRole('heading', { level: 1, name: 'Bạn đang ngoại tuyến' }).waitFor();
  const saved = page.locator('#saved-articles').getByRole('link', { name: article.title });
  await saved.waitFor();
  assert.equal(await saved.getAttribute('href'), article.path);
  assert.equal(await page.locator('#saved-none').isHidden(), true);
  assert.deepEqual(await axe(page), []);

  // From the list, the saved article opens.
  await saved.click();
  await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_/.test(e)), []);
  await context.close();
  await start();
});

test('a new build deployed under the worker is taken up', async () => {
  const next = process.env.NEXT_SITE_DIR;
  const changed = Number(process.env.CHANGED_ARTICLE);
  const oldBuild = await buildOf(root);
  const newBuild = await buildOf(next);
  assert.notEqual(oldBuild, newBuild, 'the changed app shell (the web app manifest) changed the build id');
  const { page, context } = await openPage(browser, { serviceWorkers: 'allow' });
  const article = await json(`api/v1/articles/${changed}.json`);
  await page.goto(`${ORIGIN}${article.path}`);
  await page.waitForFunction(async (b) => (await caches.keys()).includes(`bantin-shell-${b}`), oldBuild, { polling: 200 });

  root = next;
  const updated = await json(`api/v1/articles/${changed}.json`);
  assert.notEqual(updated.title, article.title);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: updated.title }).waitFor();
  // The new worker installs, takes over and drops the old build's shell.
  await page.waitForFunction(async ([old, now]) => {
    const names = await caches.keys();
    return names.includes(`bantin-shell-${now}`) && !names.includes(`bantin-shell-${old}`);
  }, [oldBuild, newBuild], { polling: 200 });
  root = process.env.SITE_DIR;
  await context.close();
});

test('deleting sw.js removes the worker even when the deployed app is broken', async () => {
  const { page, context } = await openPage(browser, { serviceWorkers: 'allow' });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { polling: 200 });
  broken = true;
  try {
    await page.reload();
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 0,
      null, { polling: 200, timeout: 15000 });
    // The app indeed never started: the way out did not wait for it.
    assert.equal(await page.evaluate(() => window.wasmBindings), undefined);
  } finally {
    broken = false;
  }
  await context.close();
});
