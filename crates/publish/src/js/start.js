// The reader's remembered text size applies at once, not when the app
// starts, so the pre-rendered text does not change size under them; and
// until the app starts, the pre-rendered A−/A+ buttons work from here.
const scales = __SCALES__;
const key = __KEY__;
let index = __DEFAULT__;
try {
  const stored = Number(localStorage.getItem(key) ?? NaN);
  if (scales[stored] !== undefined) index = stored;
} catch (e) {}
const applyScale = () => {
  document.documentElement.style.setProperty('--reader-scale', scales[index]);
  for (const b of document.querySelectorAll('[data-font-step]')) {
    const next = index + Number(b.dataset.fontStep);
    b.disabled = next < 0 || next >= scales.length;
  }
};
applyScale();
const earlyFontStep = (event) => {
  const button = event.target instanceof Element && event.target.closest('[data-font-step]');
  if (!button) return;
  index = Math.min(scales.length - 1, Math.max(0, index + Number(button.dataset.fontStep)));
  applyScale();
  try { localStorage.setItem(key, String(index)); } catch (e) {}
};
document.addEventListener('click', earlyFontStep);

// The page is already there, pre-rendered: the app starts once it has
// loaded, so that its download does not compete with the page's images.
await new Promise((r) => document.readyState === 'complete' ? r() : addEventListener('load', r, { once: true }));
__APP__
// The app's own control has taken over.
document.removeEventListener('click', earlyFontStep);
