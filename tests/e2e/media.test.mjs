// Recordings and videos on the article page (docs/architecture.md,
// "Recordings"): the e2e newsroom's bulletin (an MP3 and an MP4 with
// captions, made by ffmpeg in `cargo xtask e2e`) and its YouTube report.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, browserSuite, openPage, getJson, appReady, watchLayoutShift } from './browser.mjs';

const suite = browserSuite();
const BULLETIN = 9101;
const YOUTUBE = 9102;

// Layout shifts of the page, apart from those inside a native player:
// Chromium's own controls rearrange their inner parts once after their
// first layout, on a bare page too (docs/architecture.md, "Recordings and
// videos"); the page around them must not move at all.
const watchPageShifts = (page) => page.addInitScript(() => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) window.__shifts.push({ value: e.value, sources: e.sources.map((s) => ({ page: !!s.node, rect: s.currentRect.toJSON() })) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
});
const pageShift = (page) => page.evaluate(() => {
  const players = [...document.querySelectorAll('.players audio, .players video')].map((m) => m.getBoundingClientRect());
  const inPlayer = (r) => players.some((p) => r.left >= p.left - 1 && r.right <= p.right + 1 && r.top >= p.top - 1 && r.bottom <= p.bottom + 1);
  return window.__shifts
    .filter((e) => e.sources.some((s) => s.page || !inPlayer(s.rect)))
    .reduce((sum, e) => sum + e.value, 0);
});

const articlePath = async (id) => (await getJson(`/api/v1/articles/${id}.json`)).path;

// Every request the page makes, and none leaving this site (the machine
// has no internet; a request elsewhere is aborted and recorded).
const recordRequests = async (page) => {
  const seen = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    seen.push(url);
    return url.startsWith(BASE_URL) ? route.continue() : route.abort();
  });
  return seen;
};

test('without JavaScript the players are there, with captions and a download', async () => {
  const { page, context } = await openPage(suite.browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}${await articlePath(BULLETIN)}`);
  const audio = page.locator('.players audio');
  assert.equal(await audio.getAttribute('preload'), 'none');
  assert.equal(await audio.getAttribute('controls'), '');
  const video = page.locator('.players video');
  assert.equal(await video.getAttribute('preload'), 'none');
  assert.equal(await page.locator('.players video track[kind="captions"][srclang="vi"]').count(), 1);
  await page.getByText(/^Nghe bản tin · 6 giây$/).waitFor();
  await page.getByText(/^Xem video · 4 giây/).waitFor();
  assert.equal(await page.getByRole('link', { name: /^Tải về \(MP3, / }).count(), 1);
  await page.goto(`${BASE_URL}${await articlePath(YOUTUBE)}`);
  const facade = page.getByRole('link', { name: 'Xem video' });
  assert.match(await facade.getAttribute('href'), /^https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ&t=30s$/);
  await page.screenshot({ path: 'target/screenshots/media-youtube-nojs.png' });
  await context.close();
});

test('nothing of a recording loads before play; muted play starts; captions listed', async () => {
  const { page, context, errors } = await openPage(suite.browser);
  const seen = await recordRequests(page);
  await watchPageShifts(page);
  await page.goto(`${BASE_URL}${await articlePath(BULLETIN)}`);
  await appReady(page);
  await page.waitForLoadState('networkidle');
  assert.equal(await pageShift(page), 0, 'the players keep their box: nothing around them moves');
  const mediaRequests = () => seen.filter((u) => /\/media\/[0-9a-f]{16}\.(mp3|mp4)/.test(u));
  assert.deepEqual(mediaRequests(), [], 'no recording or video bytes before play');
  assert.equal(seen.filter((u) => !u.startsWith(BASE_URL)).length, 0, 'no other host');
  const tracks = await page.evaluate(() => [...document.querySelector('.players video').textTracks].map((t) => [t.kind, t.language, t.label]));
  assert.deepEqual(tracks, [['captions', 'vi', 'Tiếng Việt']]);
  const played = await page.evaluate(async () => {
    const audio = document.querySelector('.players audio');
    audio.muted = true;
    await audio.play();
    await new Promise((r) => setTimeout(r, 600));
    return audio.currentTime;
  });
  assert.ok(played > 0, `the recording plays (${played} s)`);
  assert.ok(mediaRequests().some((u) => u.endsWith('.mp3')), 'its bytes load on play');
  const video = await page.evaluate(async () => {
    const v = document.querySelector('.players video');
    if (!v.canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"')) return 'no H.264 in this Chromium';
    v.muted = true;
    await v.play();
    await new Promise((r) => setTimeout(r, 600));
    return v.currentTime > 0 ? 'plays' : `stuck at ${v.currentTime}`;
  });
  assert.ok(['plays', 'no H.264 in this Chromium'].includes(video), video);
  assert.deepEqual(errors, []);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'target/screenshots/media-bulletin-desktop.png' });
  await context.close();
});

test('"Nghe" plays the recording instead of a synthetic voice', async () => {
  const { page, context, errors } = await openPage(suite.browser);
  await page.goto(`${BASE_URL}${await articlePath(BULLETIN)}`);
  await appReady(page);
  await page.evaluate(() => { document.querySelector('.players audio').muted = true; });
  await page.getByRole('button', { name: 'Nghe bài viết' }).click();
  await page.getByRole('button', { name: 'Tạm dừng' }).waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('.players audio').paused), false);
  await page.getByRole('button', { name: 'Dừng đọc' }).click();
  await page.getByRole('button', { name: 'Nghe bài viết' }).waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('.players audio').currentTime), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the YouTube facade asks nothing of another host before the click', async () => {
  const { page, context, errors } = await openPage(suite.browser);
  const seen = await recordRequests(page);
  await watchLayoutShift(page);
  await page.goto(`${BASE_URL}${await articlePath(YOUTUBE)}`);
  await appReady(page);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => window.__cls), 0, 'the facade keeps the photo\'s box');
  assert.deepEqual(seen.filter((u) => !u.startsWith(BASE_URL)), [], 'nothing from YouTube yet');
  await page.screenshot({ path: 'target/screenshots/media-youtube-phone.png' });
  await page.getByRole('link', { name: 'Xem video' }).click();
  const frame = page.locator('.players iframe');
  await frame.waitFor();
  assert.equal(await frame.getAttribute('src'), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=30');
  await page.waitForFunction(() => true);
  await new Promise((r) => setTimeout(r, 300));
  const elsewhere = seen.filter((u) => !u.startsWith(BASE_URL));
  assert.ok(elsewhere.length > 0 && elsewhere.every((u) => u.startsWith('https://www.youtube-nocookie.com/')), elsewhere.join(' '));
  assert.deepEqual(errors.filter((e) => !/youtube-nocookie|ERR_FAILED|net::/.test(e)), []);
  await context.close();
});

test('after a client navigation the players come from the article document', async () => {
  const { page, context, errors } = await openPage(suite.browser);
  await page.goto(`${BASE_URL}${await articlePath(YOUTUBE)}`);
  await appReady(page);
  await page.evaluate(() => { window.__same = true; });
  const bulletin = await getJson(`/api/v1/articles/${BULLETIN}.json`);
  await page.locator('.related').getByRole('link', { name: bulletin.title }).first().click();
  await page.waitForURL(`**${bulletin.path}`);
  await page.locator('.players audio').waitFor();
  await page.locator('.players video').waitFor();
  assert.equal(await page.evaluate(() => window.__same), true, 'no document load: the app navigated');
  assert.equal(await page.locator('.players iframe, .players .facade').count(), 0, 'the YouTube report\'s player is gone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the podcast feed lists the bulletin', async () => {
  const res = await fetch(new URL('/podcast.xml', BASE_URL));
  assert.equal(res.status, 200);
  const xml = await res.text();
  const bulletin = await getJson(`/api/v1/articles/${BULLETIN}.json`);
  assert.ok(xml.includes(`<enclosure url="${BASE_URL}${bulletin.audio.src}" length="${bulletin.audio.bytes}" type="audio/mpeg"/>`), xml);
  assert.ok(xml.includes('<podcast:transcript'), 'its captions as a transcript');
});

test('the widget marks the bulletin and the report with ▶, read out as words', async () => {
  const { page, context, errors } = await openPage(suite.browser);
  await page.goto(`${BASE_URL}/embed/headlines/?category=van-hoa-xa-hoi&limit=10`);
  await page.locator('#w').waitFor();
  await page.waitForFunction(() => document.getElementById('w').shadowRoot?.querySelectorAll('li').length > 0);
  const items = await page.evaluate(() => [...document.getElementById('w').shadowRoot.querySelectorAll('li .t')].map((t) => ({
    title: t.textContent,
    mark: getComputedStyle(t, '::before').content,
  })));
  const bulletin = await getJson(`/api/v1/articles/${BULLETIN}.json`);
  const youtube = await getJson(`/api/v1/articles/${YOUTUBE}.json`);
  const marked = items.filter((i) => i.mark !== 'none').map((i) => i.title).sort();
  assert.deepEqual(marked, [bulletin.title, youtube.title].sort(), JSON.stringify(items));
  // The mark and, for screen readers, its words (`content: "▶" / "…"`).
  assert.match(items.find((i) => i.title === bulletin.title).mark, /▶.*Nghe, xem: /);
  assert.deepEqual(errors, []);
  await context.close();
});
