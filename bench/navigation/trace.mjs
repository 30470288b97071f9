// `node bench/navigation/trace.mjs BASE_URL FROM SELECTOR`: where the main
// thread's time goes in one client-side navigation, at 4× CPU. Opens FROM,
// rests the pointer on the first link matching SELECTOR (its data is then
// prefetched), clicks it and records a Chrome trace of the next second.
// Prints the milliseconds per trace event kind (scripting is `EventDispatch`
// of the click and `FunctionCall`; then `UpdateLayoutTree` for style,
// `Layout`, `Paint`) and the click's own dispatch.
import { launch } from '../../tests/e2e/browser.mjs';

const [base, from, selector] = process.argv.slice(2);
if (!selector) {
  console.error('usage: node bench/navigation/trace.mjs BASE_URL FROM SELECTOR');
  process.exit(2);
}
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.goto(new URL(from, base).href, { waitUntil: 'load' });
await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 60_000 });
if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
await page.waitForTimeout(2_000);
const link = page.locator(selector).first();
await link.hover();
await page.waitForTimeout(500);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
await link.click();
await page.waitForTimeout(1_000);
await cdp.send('Tracing.end');
await complete;
await browser.close();

const timed = events.filter((e) => e.ph === 'X' && e.dur);
const total = {};
for (const e of timed) total[e.name] = (total[e.name] ?? 0) + e.dur / 1000;
const click = timed.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
for (const name of ['EventDispatch', 'FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'RasterTask', 'MinorGC']) {
  console.log(`${name}: ${(total[name] ?? 0).toFixed(1)} ms`);
}
console.log(`the click's dispatch: ${click ? (click.dur / 1000).toFixed(1) : '?'} ms`);
