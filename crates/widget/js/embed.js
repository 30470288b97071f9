/* bantin headlines widget loader. Paste:
 *   <div data-bantin-headlines data-site="https://SITE" data-category="chinh-tri" data-limit="5"></div>
 *   <script async src="https://SITE/embed.js"></script>
 * Each newsroom's script mounts only its own boxes, so a page may embed
 * several newsrooms. It never throws into the host page and warns at most once. */
(function () {
  'use strict';
  var warned = false;
  function warn(e) {
    if (!warned && window.console) { warned = true; console.warn('bantin widget:', e && e.message || e); }
  }
  try {
    var me = document.currentScript || document.querySelector('script[src$="/embed.js"]');
    var origin = new URL(me.src, location.href).origin;
    // The newsrooms whose script has run on this page, by origin.
    var sites = window.__bantinSites = window.__bantinSites || {};
    if (sites[origin]) return;
    sites[origin] = true;
    var base = origin + '/embed/';
    var OPTIONS = ['category', 'limit', 'theme', 'layout', 'show-date', 'partner', 'target'];
    var SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';
    var wasm = null;
    // Every async script has run by the load event: only then can a box
    // that names no site be given to a newsroom other than its neighbour.
    var loaded = document.readyState === 'complete';

    var originOf = function (url) {
      try { return new URL(url, location.href).origin; } catch (e) { return ''; }
    };
    // The newsroom scripts on the page, in document order (`ran`: only
    // those that have run, so surely bantin's).
    var scripts = function (ran) {
      var out = [];
      var all = document.querySelectorAll('script[src]');
      for (var i = 0; i < all.length; i++) {
        var src = all[i].getAttribute('src') || '';
        var from = originOf(src);
        if (/\/embed\.js(\?|#|$)/.test(src) && from && (!ran || sites[from])) out.push({ el: all[i], origin: from });
      }
      return out;
    };
    // A snippet pasted before boxes named their site is the box, then its
    // script: the box is the following script's, else the last one's before it.
    var neighbour = function (el, ran) {
      var found = scripts(ran);
      var before = null;
      for (var i = 0; i < found.length; i++) {
        if (el.compareDocumentPosition(found[i].el) & 4) return found[i].origin;
        before = found[i].origin;
      }
      return before;
    };
    var mine = function (el) {
      var site = el.getAttribute('data-site');
      if (site) return originOf(site) === origin;
      var owner = neighbour(el, false);
      if (owner === origin) return true;
      if (!loaded || sites[owner]) return false;
      // Its neighbour is not a newsroom (another vendor's embed.js), or
      // no script is found by its address (loaded by a tag manager).
      var near = neighbour(el, true);
      return near === origin || (!near && Object.keys(sites).length === 1);
    };

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
    // Where WebAssembly is not allowed (CSP), the iframe embed instead,
    // sandboxed like the iframe snippet.
    var frame = function (root, q, height) {
      var f = document.createElement('iframe');
      f.src = base + 'headlines/?' + q;
      f.title = 'Tin mới';
      f.loading = 'lazy';
      f.setAttribute('sandbox', SANDBOX);
      f.referrerPolicy = 'strict-origin';
      f.style.cssText = 'border:0;width:100%;display:block;height:' + height + 'px';
      root.replaceChildren(f);
    };
    var mount = function (el) {
      if (el.__bantin || !mine(el)) return;
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
    if (!loaded) {
      window.addEventListener('load', function () {
        loaded = true;
        scan(document.documentElement);
      });
    }
    // Iframe embeds post their height; only our frames, each sized alone.
    // A sandboxed frame posts from an opaque origin ("null"): the frame's
    // own address then says whose it is.
    window.addEventListener('message', function (event) {
      try {
        var d = event.data;
        if (!d || d.type !== 'bantin-height' || (event.origin !== origin && event.origin !== 'null')) return;
        var frames = [].slice.call(document.querySelectorAll('iframe'));
        document.querySelectorAll('[data-bantin-headlines]').forEach(function (el) {
          var f = el.shadowRoot && el.shadowRoot.querySelector('iframe');
          if (f) frames.push(f);
        });
        frames.forEach(function (f) {
          if (f.contentWindow === event.source && originOf(f.src) === origin) {
            f.style.height = Math.ceil(+d.height) + 'px';
          }
        });
      } catch (e) { warn(e); }
    });
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  } catch (e) {
    warn(e);
  }
})();
