// `bantin serve`, as an editor uses it: the preview of a copy of the
// newsroom with the real app, a draft and a scheduled article, and edits
// saved to disk while the page is open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, appReady } from './browser.mjs';

const { BANTIN, APP_DIR, PREVIEW_CONTENT } = process.env;
let server;
let base;
let browser;

const setLine = (file, n, value) => {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines[n - 1] = value;
  fs.writeFileSync(file, lines.join('\n'));
};
const problems = async () => (await fetch(`${base}/_bantin/problems`)).json();
const articleFile = (id) => {
  for (const category of fs.readdirSync(path.join(PREVIEW_CONTENT, 'articles'))) {
    const file = path.join(PREVIEW_CONTENT, 'articles', category, `${id}.txt`);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`no article ${id}`);
};
const SCHEDULED = 1678;
const EDITED = 1649;

before(async () => {
  execFileSync(BANTIN, ['new', '--content', PREVIEW_CONTENT, '--category', 'chinh-tri', '--by', 'Thu Hà', 'Họp báo về mùa lúa mới']);
  const scheduled = articleFile(SCHEDULED);
  setLine(scheduled, 3, '2030-12-12T06:00:00+07:00');
  setLine(scheduled, 4, '2030-12-12T06:00:00+07:00');
  server = spawn(BANTIN, ['serve', '--content', PREVIEW_CONTENT, '--app', APP_DIR, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.on('exit', (code) => reject(new Error(`bantin serve exited (${code})`)));
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/bantin serve: (http:\/\/127\.0\.0\.1:\d+)\//);
      if (found) resolve(found[1]);
    });
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const stopped = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    assert.equal(await stopped, 0, 'bantin serve stops cleanly on SIGTERM');
  }
});

test('a draft and a scheduled article are previewed with their banners, and no service worker', async () => {
  const { banners } = await problems();
  const draft = banners.find((b) => b.label === 'Bản nháp');
  const scheduled = banners.find((b) => b.path.startsWith(`/a/${SCHEDULED}/`));
  assert.ok(draft, JSON.stringify(banners));
  assert.equal(scheduled?.label, 'Hẹn giờ đăng 06:00 12/12/2030');

  const { page, context, errors } = await openPage(browser, { serviceWorkers: 'allow' });
  // The heading and banner are what count: "load" also waits for every
  // image, which on a busy machine outlasted the 30 s timeout once.
  await page.goto(base + draft.path, { waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { level: 1, name: 'Họp báo về mùa lúa mới' }).waitFor();
  await page.getByRole('note').filter({ hasText: 'Bản nháp' }).waitFor();
  // The placeholders are named, as warnings, over the page.
  const warnings = page.getByRole('alert').filter({ hasText: 'cảnh báo' });
  await warnings.getByText('3 cảnh báo (trang vẫn được dựng)').click();
  assert.match(await warnings.textContent(), /drafts\/chinh-tri\/\d+\.txt:9: warning \(draft, not published\): the lead is still the placeholder/);
  await page.screenshot({ path: 'target/screenshots/preview-draft-phone.png' });
  // The app has started: the site's worker would be registered by now.
  await appReady(page);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);

  // The scheduled article: its own banner.
  await page.goto(base + scheduled.path);
  await page.getByRole('note').filter({ hasText: 'Hẹn giờ đăng 06:00 12/12/2030' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a saved edit reloads the page; a broken one shows its problem over the last good page', async () => {
  const file = articleFile(EDITED);
  const { page, context, errors } = await openPage(browser, { width: 1280, height: 900 });
  const article = await (await fetch(`${base}/api/v1/articles/${EDITED}.json`)).json();
  await page.goto(base + article.path);
  await page.getByRole('heading', { level: 1, name: article.title }).waitFor();
  await appReady(page);

  setLine(file, 1, 'Tiêu đề vừa sửa trong lúc xem trước');
  await page.getByRole('heading', { level: 1, name: 'Tiêu đề vừa sửa trong lúc xem trước' }).waitFor({ timeout: 30000 });

  setLine(file, 3, 'hôm qua');
  const alert = page.getByRole('alert').filter({ hasText: `${EDITED}.txt:3:` });
  await alert.waitFor({ timeout: 30000 });
  assert.match(await alert.textContent(), /đang hiện bản tốt gần nhất/);
  // The last good page stays, and its data is still served.
  await page.getByRole('heading', { level: 1, name: 'Tiêu đề vừa sửa trong lúc xem trước' }).waitFor();
  assert.equal((await problems()).ok, false);
  await page.screenshot({ path: 'target/screenshots/preview-problem-desktop.png' });

  setLine(file, 3, article.published);
  await page.waitForFunction(async () => (await (await fetch('/_bantin/problems')).json()).ok, null, { timeout: 30000 });
  await alert.waitFor({ state: 'detached', timeout: 30000 });
  assert.deepEqual(errors, []);
  await context.close();
});
