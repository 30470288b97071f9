// "Nghe bài viết": the browser's speech synthesis replaced by a recording
// fake (a real utterance refuses a fake voice), with or without a
// Vietnamese voice.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, browserSuite, openPage, getJson, appReady } from './browser.mjs';

const suite = browserSuite();

// Installed before the page's scripts: `window.__spoken` records every
// utterance's text; each "speaks" for 400 ms unless paused; voices arrive
// late, announced by `voiceschanged`, as in Chrome.
const fakeSpeech = (lang) => {
  const spoken = [];
  const queue = [];
  const listeners = [];
  let paused = false;
  let timer = null;
  const next = () => {
    if (timer || paused || !queue.length) return;
    const u = queue[0];
    u.onstart?.();
    timer = setTimeout(() => {
      timer = null;
      if (paused) return;
      queue.shift();
      u.onend?.();
      next();
    }, 400);
  };
  const synth = {
    get speaking() { return queue.length > 0; },
    get paused() { return paused; },
    voices: [],
    getVoices() { return this.voices; },
    speak(u) { spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.lang }); queue.push(u); next(); },
    pause() { paused = true; },
    resume() { paused = false; clearTimeout(timer); timer = null; next(); },
    cancel() { queue.length = 0; clearTimeout(timer); timer = null; window.__cancelled = (window.__cancelled ?? 0) + 1; },
    addEventListener(type, f) { if (type === 'voiceschanged') listeners.push(f); },
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } };
  window.__spoken = spoken;
  window.__paused = () => paused;
  setTimeout(() => {
    synth.voices = [{ lang: 'en-US', name: 'English' }, ...(lang ? [{ lang, name: 'Tiếng Việt' }] : [])];
    for (const f of listeners) f();
  }, 300);
};

async function article() {
  const item = (await getJson('/api/v1/latest.json')).items[0];
  return getJson(`/api/v1/articles/${item.id}.json`);
}

test('with a Vietnamese voice: read from the title, highlighted, pause, resume, stop', async () => {
  const a = await article();
  const { page, context, errors } = await openPage(suite.browser);
  await page.addInitScript(fakeSpeech, 'vi-VN');
  await page.goto(`${BASE_URL}${a.path}`);
  await appReady(page);
  const listen = page.getByRole('button', { name: 'Nghe bài viết' });
  await listen.waitFor();
  await listen.focus();
  await page.keyboard.press('Enter');

  const spoken = await page.evaluate(() => window.__spoken);
  assert.deepEqual(spoken.map((u) => u.text), [a.title, a.lead, ...a.body], 'title, lead, then the body');
  assert.ok(spoken.every((u) => u.lang === 'vi-VN' && u.voice === 'vi-VN'));
  await page.waitForFunction(() => document.querySelector('[data-reading]')?.id === 'article-title');

  await page.getByRole('button', { name: 'Tạm dừng' }).click();
  assert.equal(await page.evaluate(() => window.__paused()), true);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  assert.equal(await page.evaluate(() => window.__paused()), false);
  await page.waitForFunction(() => document.querySelector('[data-reading]')?.classList.contains('article-lead'));

  await page.getByRole('button', { name: 'Dừng đọc' }).click();
  await page.getByRole('button', { name: 'Nghe bài viết' }).waitFor();
  assert.equal(await page.locator('[data-reading]').count(), 0, 'no highlight once stopped');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Nghe bài viết', 'focus stays on the control');
  assert.equal(await page.getByRole('button', { name: 'Dừng đọc' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('leaving the article stops the voice', async () => {
  const a = await article();
  const { page, context } = await openPage(suite.browser);
  await page.addInitScript(fakeSpeech, 'vi_VN');
  await page.goto(`${BASE_URL}${a.path}`);
  await appReady(page);
  await page.getByRole('button', { name: 'Nghe bài viết' }).click();
  const before = await page.evaluate(() => window.__cancelled ?? 0);
  await page.getByRole('link', { name: 'Trang chủ' }).first().click();
  await page.waitForURL(`${BASE_URL}/`);
  await page.waitForFunction((n) => (window.__cancelled ?? 0) > n, before);
  await context.close();
});

test('without a Vietnamese voice there is no control', async () => {
  // (Voices arrive 300 ms after the page starts, only an English one.)
  const a = await article();
  const { page, context } = await openPage(suite.browser);
  await page.addInitScript(fakeSpeech, null);
  await page.goto(`${BASE_URL}${a.path}`);
  await appReady(page);
  // The voices have arrived (300 ms) and the app has looked at them.
  await page.waitForFunction(() => speechSynthesis.getVoices().length > 0);
  await page.waitForTimeout(300);
  assert.equal(await page.getByRole('button', { name: 'Nghe bài viết' }).count(), 0);
  await page.getByRole('group', { name: 'Cỡ chữ' }).waitFor();
  await context.close();
});
