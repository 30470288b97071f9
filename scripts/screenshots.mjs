// Takes the README's screenshots of a served site (default: cargo xtask serve).
//   node scripts/screenshots.mjs [BASE_URL]
import { mkdirSync } from 'node:fs';
import { launch } from '../tests/e2e/browser.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const site = await (await fetch(`${base}/api/v1/site.json`)).json();
const home = await (await fetch(`${base}/api/v1/home.json`)).json();
const article = home.latest.find((a) => a.image?.width) ?? home.latest[0];
const pages = {
  home: ['/', 'Tin mới nhất'],
  category: [`/c/${site.categories[0].slug}/`, site.categories[0].name],
  article: [article.path, article.title],
};
const browser = await launch();
for (const [name, [path, heading]] of Object.entries(pages)) {
  for (const [size, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]]) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await page.getByRole('heading', { name: heading }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}${name}-${size}.png` });
    console.log(`${out}${name}-${size}.png`);
    await context.close();
  }
}
await browser.close();
