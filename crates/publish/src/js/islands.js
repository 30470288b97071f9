// The islands experiment (issue #25, docs/size-analysis.md), in place of
// the app: the wasm is loaded only where a page has an island (the search
// page), and the islands a document swap brings are hydrated then. A−/A+
// stay with the start script above; the copy-link button is here.
const loadIslands = async () => {
__LOAD__
};
let loading = null;
const islands = () => {
  if (!document.querySelector('leptos-island')) return;
  if (window.bantinIslands) window.bantinIslands(document);
  else loading ??= loadIslands();
};
addEventListener('bantin:swapped', islands);
islands();
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element && event.target.closest('.share-link');
  if (!button) return;
  let copied = false;
  try {
    await navigator.clipboard.writeText(document.querySelector('link[rel=canonical]')?.href ?? location.href);
    copied = true;
  } catch (e) {}
  const status = button.parentElement.querySelector('.copy-status');
  if (status) status.textContent = copied ? 'Đã sao chép' : 'Không sao chép được, hãy chọn và sao chép thủ công';
});
// A photo that cannot load: the neutral placeholder, as the app shows it;
// one that failed before this ran is complete without a size.
const fallback = (img) => {
  const span = document.createElement('span');
  span.className = 'pic-fallback';
  span.setAttribute('aria-hidden', 'true');
  img.replaceWith(span);
};
document.addEventListener('error', (event) => {
  if (event.target instanceof HTMLImageElement && event.target.closest('main')) fallback(event.target);
}, true);
const broken = () => {
  for (const img of document.querySelectorAll('main img')) if (img.complete && !img.naturalWidth) fallback(img);
};
addEventListener('bantin:swapped', broken);
broken();
// The not-found page at an article's address with a wrong slug: its
// short address leads to the right one.
const wrongSlug = !document.body.dataset.bantinPath && location.pathname.match(/^\/a\/(\d+)\/[^/]+\/$/);
if (wrongSlug) location.replace(`/a/${wrongSlug[1]}/`);
// The search forms' submits: the results page's address as the app
// writes it (`%20`, not the form's `+`), swapped in like a link.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('search-form')) return;
  event.preventDefault();
  const q = (form.querySelector('input[name=q]')?.value ?? '').trim();
  window.bantinNavigate(`/tim-kiem/?q=${encodeURIComponent(q)}`);
});
__SWAP__
window.bantinSwap = true;
