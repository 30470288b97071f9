// Every kind of document the build writes is valid HTML, as the W3C Nu Html
// Checker (npm vnu-jar, run with Debian's Java) sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SITE = process.env.SITE_DIR;
const VNU = new URL('../../node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url).pathname;

// One document per route kind (new route kinds join this list).
function documents() {
  const site = JSON.parse(readFileSync(join(SITE, 'api/v1/site.json'), 'utf8'));
  const big = site.categories.find((c) => c.count >= 40);
  const [first, second] = JSON.parse(readFileSync(join(SITE, 'api/v1/latest.json'), 'utf8')).items;
  const article = JSON.parse(readFileSync(join(SITE, `api/v1/articles/${first.id}.json`), 'utf8'));
  const old = new URL(article.source.url).pathname;
  const files = {
    home: 'index.html',
    'not found': '404.html',
    configurator: 'widget/index.html',
    'category page 1': `c/${big.slug}/index.html`,
    'category archive': `c/${big.slug}/luu-tru-1/index.html`,
    article: `${first.path.slice(1)}index.html`,
    'another article': `${second.path.slice(1)}index.html`,
    'short-link redirect': `a/${first.id}/index.html`,
    'old-site redirect': old.slice(1),
    'iframe embed': 'embed/headlines/index.html',
    search: 'tim-kiem/index.html',
    author: `${article.authors[0].path.slice(1)}index.html`,
    latest: 'tin-moi/index.html',
    topic: 'chu-de/ban-tin-luu-tru/index.html',
    'latest archive': 'tin-moi/luu-tru-1/index.html',
  };
  return Object.entries(files).map(([kind, file]) => [kind, join(SITE, file)]);
}

// The checker's messages on `files`, as `file:line: message`.
function check(files) {
  const run = spawnSync('java', ['-jar', VNU, '--format', 'json', '--errors-only', ...files], { encoding: 'utf8' });
  assert.equal(run.error, undefined, `cannot run the checker: ${run.error}`);
  // vnu reports on stderr, whether or not it found errors.
  const { messages } = JSON.parse(run.stderr);
  return messages.map((m) => `${m.url.replace(/^file:/, '').replace(`${SITE}/`, '')}:${m.lastLine ?? '?'}: ${m.message}`);
}

test('every kind of document passes the Nu Html Checker with no error', () => {
  const docs = documents();
  for (const [kind, file] of docs) assert.ok(existsSync(file), `${kind}: ${file} is missing`);
  assert.deepEqual(check(docs.map(([, file]) => file)), []);
});

test('the checker does fail on what it must: a bogus comment, a stray integrity', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vnu-'));
  const file = join(dir, 'bad.html');
  writeFileSync(file, '<!doctype html><html lang="vi"><head><title>x</title>'
    + '<link rel="icon" href="/i.svg" integrity="sha384-x"></head><body><p>a<!>b</p></body></html>');
  const errors = check([file]);
  assert.equal(errors.length, 2, errors.join('\n'));
  rmSync(dir, { recursive: true });
});
