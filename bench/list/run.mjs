// `node bench/list/run.mjs DIR [ROWS] [RUNS]`: serves DIR (the built bench
// page), times bantin's HeadlineList against the vanilla-JS list in one
// headless Chromium, checks both made the same markup, and prints one line
// of JSON: rows, runs, median milliseconds of each and the median ratio.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { launch } from '../../tests/e2e/browser.mjs';

const [dir, rows = '1000', runs = '31'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/list/run.mjs DIR [ROWS] [RUNS]');
  process.exit(2);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  const path = normalize(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
  try {
    const body = await readFile(join(dir, path));
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));

// Headlines like the newsroom's: Vietnamese titles of varied length, dates
// in Vietnam time.
const TITLES = [
  'Huyện Duy Tiên tổ chức Hội nghị tổng kết công tác năm',
  'Khánh thành cầu mới bắc qua sông Châu',
  'Tiêm chủng mở rộng cho trẻ dưới năm tuổi tại các xã, thị trấn trên địa bàn',
  'Giải bóng đá thiếu niên: đội Hòa Mạc vô địch',
  'Người dân phấn khởi đón mùa lúa bội thu',
  'Đảm bảo an toàn giao thông dịp cuối năm',
];
const pad = (n) => String(n).padStart(2, '0');
const items = Array.from({ length: Number(rows) }, (_, i) => ({
  id: i + 1,
  slug: `tin-so-${i + 1}`,
  path: `/a/${i + 1}/tin-so-${i + 1}/`,
  title: `${TITLES[i % TITLES.length]} (${i + 1})`,
  lead: 'Sapo của bài viết.',
  category: { slug: 'chinh-tri', name: 'Chính trị' },
  published: `2024-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}T${pad(i % 24)}:${pad(i % 60)}:00+07:00`,
  image: null,
}));

const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => { failed = true; console.error(`page error: ${e.message}`); });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const result = await page.evaluate(
    ([json, runs]) => window.runBench(json, { runs, warmup: 5 }),
    [JSON.stringify(items), Number(runs)],
  );
  const { leptos, vanilla } = result.seen;
  if (leptos.markup !== vanilla.markup || leptos.rows !== items.length) {
    console.error(`the two lists differ (rows ${leptos.rows} / ${vanilla.rows}):\n${leptos.markup.slice(0, 400)}\n${vanilla.markup.slice(0, 400)}`);
    failed = true;
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratios = result.times.leptos.map((t, i) => t / result.times.vanilla[i]);
  console.log(JSON.stringify({
    rows: items.length,
    runs: result.times.leptos.length,
    leptos_ms: median(result.times.leptos),
    vanilla_ms: median(result.times.vanilla),
    ratio: median(ratios),
  }));
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
