// The offline page (`/ngoai-tuyen/`, served by the service worker when an
// address was never kept): the articles this browser has kept, newest
// first, listed from the worker's cache with DOM calls and textContent.
const list = document.getElementById('saved-articles');
const none = document.getElementById('saved-none');
const ARTICLE = __ARTICLE_PATH__;

const title = async (path, response) => {
  if (path.endsWith('.json')) {
    const article = await response.json();
    return { title: String(article.title), path: String(article.path) };
  }
  // A kept document: its heading, read by the parser (nothing runs).
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  return { title: doc.getElementById('article-title')?.textContent ?? path, path };
};

const kept = new Map();
if ('caches' in window && await caches.has(__ARTICLES_CACHE__)) {
  const cache = await caches.open(__ARTICLES_CACHE__);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    const m = path.match(ARTICLE);
    const id = m?.[1] ?? m?.[2];
    if (!id || kept.has(id)) continue;
    const response = await cache.match(request);
    try {
      const saved = Number(response.headers.get('x-bantin-saved')) || 0;
      kept.set(id, { ...(await title(path, response)), saved });
    } catch (e) { /* a damaged copy is left out */ }
  }
}
const when = (t) => new Date(t).toLocaleString('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit',
});
for (const item of [...kept.values()].sort((a, b) => b.saved - a.saved)) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = item.path.startsWith('/') ? item.path : '/';
  a.textContent = item.title;
  const small = document.createElement('small');
  small.textContent = ` · lưu lúc ${when(item.saved)}`;
  li.append(a, small);
  list.append(li);
}
none.hidden = kept.size > 0;
