// Shared set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core (no browser download), against BASE_URL.
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:18080';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A page that records console errors and uncaught exceptions. Failed loads of
// remote sample images (no internet here) are the only expected noise and
// are kept apart, so a test can still assert on them.
export async function openPage(browser, { width = 390, height = 844 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return { page, context, errors };
}

export async function getJson(path) {
  const res = await fetch(new URL(path, BASE_URL));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}
