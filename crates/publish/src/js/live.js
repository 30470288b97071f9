// bantin serve's preview, added to every page it serves (never to a built
// site): reloads the page after each good build, shows a failed build's
// problems over the last good page, and marks drafts and scheduled articles.
// It lives in a shadow root on an element after <body>, so the app's
// hydration (of <body>) never meets it; every text goes in as text.
(() => {
  // Never the site's worker here: it would keep serving the files of an
  // earlier build. One an earlier visit left (`cargo xtask serve` uses the
  // same port) goes.
  const workers = navigator.serviceWorker;
  if (workers) {
    workers.register = () => new Promise(() => {});
    workers.getRegistrations().then((all) => all.forEach((r) => r.unregister()));
  }
  const shown = Number(document.currentScript?.dataset.build || 0);
  const host = document.createElement('bantin-preview');
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `
    :host { all: initial; }
    .banner { position: fixed; top: 0; left: 50%; transform: translateX(-50%); z-index: 2147483647;
      background: #ffd54f; color: #1a1a1a; font: 600 15px/1.4 system-ui, sans-serif;
      padding: 4px 14px; border-radius: 0 0 8px 8px; box-shadow: 0 2px 6px #0004; }
    .problems { position: fixed; inset: auto 0 0 0; max-height: 60vh; overflow: auto; z-index: 2147483647;
      background: #2b0b0b; color: #fff; font: 14px/1.5 ui-monospace, monospace; padding: 12px 16px;
      border-top: 4px solid #e53935; }
    .problems h2, summary { font: 600 16px/1.4 system-ui, sans-serif; margin: 0 0 8px; cursor: pointer; }
    .problems.warnings { padding: 6px 16px; }
    .problems li { margin: 0 0 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .problems.warnings { background: #2a2410; border-color: #fbc02d; }
    button { font: inherit; float: right; }
    [hidden] { display: none; }`;
  const banner = document.createElement('div');
  banner.className = 'banner';
  banner.setAttribute('role', 'note');
  const panel = document.createElement('section');
  panel.className = 'problems';
  panel.setAttribute('role', 'alert');
  root.append(style, banner, panel);
  document.documentElement.append(host);

  let state = { banners: [], errors: [], warnings: [] };
  let closed = false;
  const el = (tag, text) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const render = () => {
    const mine = state.banners.find((b) => b.path === location.pathname);
    banner.hidden = !mine;
    banner.textContent = mine ? mine.label : '';
    const failed = state.errors.length > 0;
    const list = failed ? state.errors : state.warnings;
    panel.hidden = list.length === 0 || (closed && !failed);
    panel.classList.toggle('warnings', !failed);
    const hide = el('button', 'Ẩn');
    hide.type = 'button';
    hide.onclick = () => { closed = true; panel.hidden = true; };
    const items = el('ul');
    for (const line of list) items.append(el('li', line));
    if (failed) {
      panel.replaceChildren(hide, el('h2', `Bản dựng mới có ${list.length} lỗi — đang hiện bản tốt gần nhất. Sửa rồi lưu, trang tự tải lại.`), items);
    } else {
      // Warnings do not stop anything: one line, opened on demand.
      const more = el('details');
      more.append(el('summary', `${list.length} cảnh báo (trang vẫn được dựng)`), items);
      panel.replaceChildren(hide, more);
    }
  };
  const refresh = async () => {
    try {
      state = await (await fetch('/_bantin/problems', { cache: 'no-store' })).json();
      render();
    } catch (e) { /* the preview stopped; EventSource retries */ }
  };
  // The app changes the address without a reload: the banner follows it.
  let path = location.pathname;
  setInterval(() => { if (location.pathname !== path) { path = location.pathname; render(); } }, 250);
  new EventSource('/_bantin/events').addEventListener('build', (event) => {
    const build = JSON.parse(event.data);
    if (build.ok && build.shown > shown) location.reload();
    else refresh();
  });
})();
