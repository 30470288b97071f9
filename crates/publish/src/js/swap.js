// The islands experiment's navigation (issue #25, docs/size-analysis.md):
// between pages no app renders anything; the next page's pre-rendered
// document is fetched (ahead of the click, on intent or when idle, as the
// app prefetches its API files), parsed by the browser, and its body and
// head swapped in; then `bantin:swapped` lets the islands on it hydrate.
// Measured against the app by `cargo xtask bench-navigation --swap`.
{
  // The app's prefetch budget (`api::PREFETCH_BYTES`): a page view's worth.
  const BUDGET = 60_000;
  const HOVER_MS = 65;
  const IDLE_LINKS = 6;
  const pages = new Map();
  let spent = 0;
  const frugal = () => {
    const c = navigator.connection;
    return !!c && (c.saveData || /2g/.test(c.effectiveType || ''));
  };
  // A page of this site: same origin, a folder path (documents are
  // `…/index.html`), not a download or a new window.
  const pageOf = (target) => {
    const a = target instanceof Element && target.closest('a[href]');
    if (!a || a.origin !== location.origin || !a.pathname.endsWith('/')) return null;
    if (a.hasAttribute('download') || a.target || /external/.test(a.rel)) return null;
    return a.pathname + a.search;
  };
  const fetchPage = (url, ahead) => {
    let page = pages.get(url);
    if (!page) {
      if (ahead && (frugal() || spent >= BUDGET)) return null;
      page = fetch(url).then((r) => {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then((text) => {
        if (ahead) spent += text.length;
        return text;
      });
      page.catch(() => pages.delete(url));
      pages.set(url, page);
    }
    return page;
  };
  const show = (html, scrollY) => {
    const next = new DOMParser().parseFromString(html, 'text/html');
    document.title = next.title;
    for (const el of document.head.querySelectorAll('[data-bantin-head]')) el.remove();
    document.head.append(...next.head.querySelectorAll('[data-bantin-head]'));
    for (const { name, value } of next.body.attributes) document.body.setAttribute(name, value);
    document.body.replaceChildren(...next.body.childNodes);
    if (scrollY === undefined) {
      scrollTo(0, 0);
      document.querySelector('main h1')?.focus({ preventScroll: true });
    } else {
      scrollTo(0, scrollY);
    }
    spent = 0;
    idle();
    dispatchEvent(new Event('bantin:swapped'));
  };
  const go = async (url, scrollY, push) => {
    // Where the reader was, for Back.
    if (push) history.replaceState({ y: window.scrollY }, '');
    try {
      const html = await fetchPage(url, false);
      if (push) history.pushState({ y: 0 }, '', url);
      show(html, scrollY);
    } catch (e) {
      location.href = url;
    }
  };
  document.addEventListener('click', (event) => {
    const url = !event.defaultPrevented && event.button === 0
      && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) && pageOf(event.target);
    if (!url) return;
    event.preventDefault();
    if (url !== location.pathname + location.search) go(url, undefined, true);
  });
  // For the search forms (islands.js).
  window.bantinNavigate = (url) => go(url, undefined, true);
  addEventListener('popstate', (event) => {
    go(location.pathname + location.search, event.state?.y ?? 0, false);
  });
  history.scrollRestoration = 'manual';
  let hover = null;
  document.addEventListener('pointerover', (event) => {
    clearTimeout(hover);
    const url = pageOf(event.target);
    if (url) hover = setTimeout(() => fetchPage(url, true), HOVER_MS);
  });
  for (const type of ['touchstart', 'focusin']) {
    document.addEventListener(type, (event) => {
      const url = pageOf(event.target);
      if (url) fetchPage(url, true);
    }, { passive: true });
  }
  // Once idle, the first links in view.
  const idle = () => setTimeout(() => {
    let n = 0;
    for (const a of document.querySelectorAll('main a[href]')) {
      const r = a.getBoundingClientRect();
      const url = r.bottom > 0 && r.top < innerHeight && pageOf(a);
      if (url && n < IDLE_LINKS) {
        n += 1;
        fetchPage(url, true);
      }
    }
  }, 1_500);
  idle();
}
