// bantin's service worker, written by `bantin build` (docs/offline.md).
// Same-origin GET requests only. The app shell is kept per build; the
// documents and JSON of the last articles read and of list pages are
// fetched from the network first and kept for when there is none.
// Deleting sw.js from the site removes the worker (the start script sees
// the 404 and unregisters it).
const BUILD = __BUILD__;
const SHELL = __SHELL__;
const OFFLINE = __OFFLINE__;
const SHELL_CACHE = `bantin-shell-${BUILD}`;

// What is kept, and how much of it: [cache, most entries, key of an entry].
const ARTICLE = __ARTICLE_PATH__;
const LIST = /^\/(?:(?:(?:c|tac-gia|chu-de)\/[^/]+\/|tin-moi\/)(?:luu-tru-\d+\/)?|tim-kiem\/|api\/v1\/(?:site|home|search(?:\/r\/\d+)?|(?:latest|(?:categories|authors|topics)\/[^/]+)(?:\/archive\/\d+)?)\.json)?$/;
const KINDS = {
  article: [__ARTICLES_CACHE__, 50, (path) => path.match(ARTICLE).slice(1).join('')],
  list: ['bantin-lists', 40, (path) => path],
  search: ['bantin-search', 60, (path) => path],
  media: ['bantin-media', 80, (path) => path],
};

const kind = (path) => {
  if (ARTICLE.test(path)) return 'article';
  // A search segment's files never change (its version names them); the
  // result rows do, as lists do.
  if (/^\/api\/v1\/search\/[0-9a-f]{16}\//.test(path)) return 'search';
  if (path.startsWith('/media/')) return 'media';
  if (LIST.test(path)) return 'list';
  return null;
};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('bantin-shell-') && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The time a copy was saved travels with it, for the page's note.
const stamped = async (response) => {
  const headers = new Headers(response.headers);
  headers.set('x-bantin-saved', String(Date.now()));
  return new Response(await response.blob(), { status: response.status, headers });
};

// Keeps at most `max` keys (an article's document and JSON are one key),
// the oldest saved going first.
const trim = async (cache, max, keyOf) => {
  const requests = await cache.keys();
  const keys = [...new Set(requests.map((r) => keyOf(new URL(r.url).pathname)))];
  const gone = new Set(keys.slice(0, Math.max(0, keys.length - max)));
  for (const r of requests) if (gone.has(keyOf(new URL(r.url).pathname))) await cache.delete(r);
};

// Pages served a saved copy, for their question "am I one?".
const savedCopies = new Map();

const tell = async (event, saved) => {
  if (event.request.mode === 'navigate') {
    if (saved) savedCopies.set(event.request.url, saved);
    else savedCopies.delete(event.request.url);
  } else {
    const client = await self.clients.get(event.clientId);
    client?.postMessage({ bantinSaved: saved });
  }
};

self.addEventListener('message', (event) => {
  const url = event.data?.bantinSaved;
  if (typeof url === 'string') event.source?.postMessage({ bantinSaved: savedCopies.get(url) ?? 0 });
});

// An article's other half (its document, or its JSON), so that it can be
// read offline however it is opened next.
const keepOther = async (cache, path, response) => {
  const m = path.match(ARTICLE);
  const other = m[1] ? `/api/v1/articles/${m[1]}.json` : (await response.json()).path;
  if (typeof other !== 'string' || !ARTICLE.test(other) || await cache.match(other)) return;
  const fetched = await fetch(other);
  if (fetched.ok) await cache.put(other, await stamped(fetched));
};

const networkFirst = async (event, path, name) => {
  const [cacheName, max, keyOf] = KINDS[name];
  const cache = await caches.open(cacheName);
  const key = new URL(event.request.url);
  key.search = '';
  try {
    const response = await fetch(event.request);
    if (response.ok) {
      const copy = response.clone();
      const other = name === 'article' && response.clone();
      event.waitUntil((async () => {
        await cache.put(key, await stamped(copy));
        if (other) await keepOther(cache, path, other).catch(() => {});
        await trim(cache, max, keyOf);
      })());
      event.waitUntil(tell(event, 0));
    }
    return response;
  } catch (offline) {
    const saved = await cache.match(key);
    if (saved) {
      event.waitUntil(tell(event, Number(saved.headers.get('x-bantin-saved')) || 1));
      return saved;
    }
    if (event.request.mode === 'navigate') {
      const page = await caches.match(OFFLINE);
      if (page) return page;
    }
    throw offline;
  }
};

// Files named after their content never change: the cache first.
const cacheFirst = async (request, name) => {
  const [cacheName, max, keyOf] = KINDS[name] ?? [SHELL_CACHE];
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && max) {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
    await trim(cache, max, keyOf);
  }
  return response;
};

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const path = url.pathname;
  // Partners' embeds, and what they load, stay the network's.
  const from = request.referrer ? new URL(request.referrer).pathname : '';
  if (path.startsWith('/embed') || from.startsWith('/embed')) return;
  if (SHELL.includes(path) && path !== OFFLINE) return event.respondWith(cacheFirst(request));
  const name = kind(path);
  if (name === 'article' || name === 'list') return event.respondWith(networkFirst(event, path, name));
  if (name === 'search' || name === 'media') return event.respondWith(cacheFirst(request, name));
  // Anything else (feeds, partners' embeds, the worker itself): the network, untouched.
});
