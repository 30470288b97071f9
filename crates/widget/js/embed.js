/* bantin headlines widget loader. Paste:
 *   <div data-bantin-headlines data-category="chinh-tri" data-limit="5"></div>
 *   <script async src="https://SITE/embed.js"></script>
 * It never throws into the host page and warns at most once. */
(function () {
  'use strict';
  if (window.__bantinEmbed) return;
  window.__bantinEmbed = true;
  var warned = false;
  function warn(e) {
    if (!warned && window.console) { warned = true; console.warn('bantin widget:', e && e.message || e); }
  }
  try {
    var me = document.currentScript || document.querySelector('script[src$="/embed.js"]');
    var origin = new URL(me.src, location.href).origin;
    var base = origin + '/embed/';
    var OPTIONS = ['category', 'limit', 'theme', 'layout', 'show-date', 'partner', 'target'];
    var wasm = null;

    var query = function (el) {
      var q = new URLSearchParams();
      OPTIONS.forEach(function (name) {
        var v = el.getAttribute('data-' + name);
        if (v !== null) q.set(name, v);
      });
      return q.toString();
    };
    // Loads the module once for every widget on the page.
    var load = function () {
      if (!wasm) {
        wasm = import(base + 'bantin_widget.js').then(function (m) {
          return m.default({ module_or_path: base + 'bantin_widget_bg.wasm' }).then(function () { return m; });
        });
      }
      return wasm;
    };
    var style = function (root, css) {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [sheet];
      } catch (e) {
        var s = document.createElement('style');
        s.textContent = css;
        root.appendChild(s);
      }
    };
    // Where WebAssembly is not allowed (CSP), the iframe embed instead.
    var frame = function (root, q, height) {
      var f = document.createElement('iframe');
      f.src = base + 'headlines/?' + q;
      f.title = 'Tin mới';
      f.loading = 'lazy';
      f.style.cssText = 'border:0;width:100%;display:block;height:' + height + 'px';
      root.replaceChildren(f);
    };
    var mount = function (el) {
      if (el.__bantin) return;
      el.__bantin = true;
      var root;
      try {
        root = el.shadowRoot || el.attachShadow({ mode: 'open' });
      } catch (e) {
        // <ul>, <td>, an element with a closed shadow root…: skipped, once
        // said; the other boxes on the page still mount.
        warn('<' + el.localName + '> cannot hold the box; use a <div data-bantin-headlines>');
        return;
      }
      var q = query(el);
      load().then(function (m) {
        var h = m.reserved_height(q);
        if (!el.style.minHeight) el.style.minHeight = h + 'px';
        style(root, m.widget_css());
        return m.render(root, origin, q);
      }).catch(function (e) {
        warn(e);
        frame(root, q, parseInt(el.style.minHeight, 10) || 360);
      });
    };
    var guarded = function (el) {
      try { mount(el); } catch (e) { warn(e); }
    };
    var scan = function (node) {
      try {
        if (node.nodeType !== 1) return;
        if (node.hasAttribute('data-bantin-headlines')) guarded(node);
        var found = node.querySelectorAll('[data-bantin-headlines]');
        for (var i = 0; i < found.length; i++) guarded(found[i]);
      } catch (e) { warn(e); }
    };
    var start = function () {
      scan(document.documentElement);
      new MutationObserver(function (records) {
        records.forEach(function (r) { r.addedNodes.forEach(scan); });
      }).observe(document.documentElement, { childList: true, subtree: true });
    };
    // Iframe embeds post their height; only ours, and only to their frame.
    window.addEventListener('message', function (event) {
      try {
        var d = event.data;
        if (event.origin !== origin || !d || d.type !== 'bantin-height') return;
        var frames = document.querySelectorAll('iframe');
        for (var i = 0; i < frames.length; i++) {
          if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(+d.height) + 'px';
        }
        document.querySelectorAll('[data-bantin-headlines]').forEach(function (el) {
          var f = el.shadowRoot && el.shadowRoot.querySelector('iframe');
          if (f && f.contentWindow === event.source) f.style.height = Math.ceil(+d.height) + 'px';
        });
      } catch (e) { warn(e); }
    });
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  } catch (e) {
    warn(e);
  }
})();
