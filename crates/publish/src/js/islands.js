// The page's islands (docs/architecture.md, "Islands"): the wasm is loaded
// only where a page has one (the search page), and the islands a document
// swap brings are hydrated then. The copy-link button is here.
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
// An old page number of a list (newest first, before the archive blocks):
// the block that now holds its oldest article, as
// `bantin_model::archive::legacy_block` finds it from the list's total.
const SIZE = __PAGE_SIZE__;
const old = !document.body.dataset.bantinPath
  && location.pathname.match(/^(\/(?:c|tac-gia|chu-de)\/[^/]+\/|\/tin-moi\/)([1-9]\d*)\/$/);
if (old) {
  const [, first, page] = old;
  const data = first === '/tin-moi/' ? 'latest'
    : first.replace(/^\/c\//, 'categories/').replace(/^\/tac-gia\//, 'authors/').replace(/^\/chu-de\//, 'topics/').slice(0, -1);
  fetch(`/api/v1/${data}.json`).then((r) => (r.ok ? r.json() : null)).then((list) => {
    const total = Number(list?.total);
    if (!total) return;
    const oldest = Math.min(Number(page) * SIZE, total) - 1;
    const block = Math.floor((total - 1 - oldest) / SIZE) + 1;
    location.replace(block > Math.floor(total / SIZE) - 1 ? first : `${first}${__ARCHIVE__}${block}/`);
  }, () => {});
}
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
