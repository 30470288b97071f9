// `node bench/media/bytes.mjs BASE_URL PATH`: what a reader's browser
// downloads on an article page with a recording, before pressing play and
// one second after a (muted) play. Bytes over the wire per request, from
// Chrome DevTools' protocol (Network.loadingFinished): media elements'
// range requests are not in Resource Timing. No service worker (its
// precache is the app shell, counted by `cargo xtask sizes`). Prints one
// line of JSON.
import { launch } from '../../tests/e2e/browser.mjs';

const [base, path] = process.argv.slice(2);
if (!base || !path) {
  console.error('usage: node bench/media/bytes.mjs BASE_URL PATH');
  process.exit(2);
}
const RECORDING = /\/media\/[0-9a-f]{16}\.(mp3|m4a|opus|mp4|webm)$/;

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
const urls = new Map();
const bytes = new Map();
cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
// A media element may cancel its range request once it has enough.
cdp.on('Network.loadingFailed', (e) => bytes.set(e.requestId, bytes.get(e.requestId) ?? 0));
cdp.on('Network.dataReceived', (e) => bytes.set(e.requestId, (bytes.get(e.requestId) ?? 0) + e.encodedDataLength));

const tally = () => {
  let page = 0;
  let media = 0;
  let requests = 0;
  for (const [id, url] of urls) {
    const n = bytes.get(id) ?? 0;
    if (RECORDING.test(new URL(url).pathname)) media += n;
    else {
      page += n;
      requests += 1;
    }
  }
  return { page, media, requests };
};

await page.goto(new URL(path, base).href, { waitUntil: 'networkidle' });
await page.waitForTimeout(3000);
const before = tally();
await page.evaluate(async () => {
  const audio = document.querySelector('audio');
  audio.muted = true;
  await audio.play();
  await new Promise((r) => setTimeout(r, 1000));
});
const after = tally();
console.log(JSON.stringify({ page: before.page, requests: before.requests, media_before: before.media, media_after: after.media }));
await browser.close();
