// The iframe embed (/embed/headlines/?…): the widget alone, reporting its
// height to the parent page so that embed.js can size the frame.
import init, { render_in_frame, widget_css } from './bantin_widget.js';

const host = document.getElementById('w');
const root = host.attachShadow({ mode: 'open' });
const post = () => {
  try {
    parent.postMessage({ type: 'bantin-height', height: document.documentElement.scrollHeight }, '*');
  } catch (e) { /* no parent to tell */ }
};
try {
  await init({ module_or_path: new URL('./bantin_widget_bg.wasm', import.meta.url) });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(widget_css());
  root.adoptedStyleSheets = [sheet];
  // Links open in the whole tab (`_top`), not in this frame.
  await render_in_frame(root, location.origin, location.search);
} catch (e) {
  const a = document.createElement('a');
  a.href = '/';
  a.target = '_blank';
  a.rel = 'noopener';
  a.textContent = 'Xem tin mới nhất';
  root.replaceChildren(a);
}
post();
new ResizeObserver(post).observe(document.documentElement);
