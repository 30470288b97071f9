// Navigation between pages (docs/architecture.md, "Islands"): the next
// page's pre-rendered document is fetched (ahead of the click, on intent
// or when idle), parsed by the browser, and its body and head swapped in;
// then `bantin:swapped` lets the islands on it hydrate. Pages left are
// kept as they were, for Back. Measured by `cargo xtask bench-navigation`.
{
  // What a page view may fetch ahead (issue #25's cap).
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
    // A place on this page (the skip link) is the browser's to go to.
    if (a.hash && a.pathname + a.search === location.pathname + location.search) return null;
    return a.pathname + a.search;
  };
  const fetchPage = (url, ahead) => {
    let page = pages.get(url);
    if (!page) {
      if (ahead && (frugal() || spent >= BUDGET)) return null;
      // The not-found document is a page like any other.
      page = fetch(url).then((r) => {
        if (!r.ok && r.status !== 404) throw new Error(r.status);
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
  // The pages left, as they were (nodes, islands still live), for Back.
  const kept = new Map();
  const KEPT = 10;
  // What a page is to the swap: its title, changing head elements, body.
  const pageIn = (doc) => ({
    title: doc.title,
    head: [...doc.head.querySelectorAll('[data-bantin-head]')],
    attrs: [...doc.body.attributes].map(({ name, value }) => [name, value]),
    nodes: [...doc.body.childNodes],
  });
  const show = (page, scrollY) => {
    document.title = page.title;
    for (const el of document.head.querySelectorAll('[data-bantin-head]')) el.remove();
    document.head.append(...page.head);
    for (const name of document.body.getAttributeNames()) document.body.removeAttribute(name);
    for (const [name, value] of page.attrs) document.body.setAttribute(name, value);
    document.body.replaceChildren(...page.nodes);
    if (scrollY === undefined) {
      scrollTo(0, 0);
      document.querySelector('main h1')?.focus({ preventScroll: true });
    } else {
      scrollTo(0, scrollY);
    }
    // What was fetched ahead belongs to the page view that asked for it:
    // a later visit asks again (the HTTP cache and the worker answer).
    pages.clear();
    spent = 0;
    idle();
    dispatchEvent(new Event('bantin:swapped'));
  };
  const leave = (url) => {
    kept.delete(url);
    kept.set(url, pageIn(document));
    if (kept.size > KEPT) kept.delete(kept.keys().next().value);
  };
  // A page that could not be had: the app's error state in place of the
  // page, at the address the reader asked for, with a retry. Offline, the
  // document load instead, which the worker answers with a saved copy or
  // the offline page.
  const failed = (url, scrollY) => {
    const main = document.querySelector('main');
    if (!main || !navigator.onLine) {
      location.href = url;
      return;
    }
    const section = document.createElement('section');
    section.className = 'error-state';
    section.setAttribute('role', 'alert');
    const h1 = document.createElement('h1');
    h1.tabIndex = -1;
    h1.textContent = 'Không tải được nội dung';
    const p = document.createElement('p');
    p.textContent = 'Có thể mạng đang chậm hoặc bị gián đoạn. Vui lòng kiểm tra kết nối rồi thử lại.';
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'button';
    retry.textContent = 'Thử lại';
    retry.addEventListener('click', () => go(url, scrollY, false));
    section.append(h1, p, retry);
    main.replaceChildren(section);
    document.title = h1.textContent;
    scrollTo(0, 0);
    h1.focus({ preventScroll: true });
  };
  let latest = 0;
  // The address of the page on screen (on Back, no longer `location`).
  let shown = location.pathname + location.search;
  const go = async (url, scrollY, push) => {
    // An island may have changed the address since (search's query).
    if (push) shown = location.pathname + location.search;
    // Where the reader was, for Back.
    if (push) history.replaceState({ y: window.scrollY }, '');
    const ticket = ++latest;
    const back = !push && kept.get(url);
    if (back) {
      leave(shown);
      kept.delete(url);
      shown = url;
      show(back, scrollY);
      return;
    }
    let html;
    try {
      html = await fetchPage(url, false);
    } catch (e) {
      html = null;
    }
    // The reader moved on while this one was on its way.
    if (ticket !== latest) return;
    if (html !== null) leave(shown);
    shown = url;
    if (push) history.pushState({ y: 0 }, '', url);
    if (html === null) failed(url, scrollY);
    else show(pageIn(new DOMParser().parseFromString(html, 'text/html')), scrollY);
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
    const url = location.pathname + location.search;
    // Only the place on the page changed.
    if (url === shown) return;
    go(url, event.state?.y ?? 0, false);
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
  const whenIdle = (f) => (window.requestIdleCallback ? requestIdleCallback(f) : setTimeout(f, 1_500));
  const idle = () => whenIdle(() => {
    let n = 0;
    for (const a of document.querySelectorAll('main a[href]')) {
      const r = a.getBoundingClientRect();
      const url = r.bottom > 0 && r.top < innerHeight && pageOf(a);
      if (url && n < IDLE_LINKS) {
        n += 1;
        fetchPage(url, true);
      }
    }
  });
  idle();
}
