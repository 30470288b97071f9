// A service worker that removes bantin's: deploy it as sw.js in place of
// the one `bantin build` wrote. Browsers check sw.js on every visit
// (it is served no-cache), so each reader's browser installs this on their
// next page load, whatever the page's own scripts do: it deletes bantin's
// caches, unregisters itself and reloads the open pages from the network.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('bantin-')) await caches.delete(name);
    }
    await self.registration.unregister();
    for (const page of await self.clients.matchAll({ type: 'window' })) page.navigate(page.url);
  })());
});
