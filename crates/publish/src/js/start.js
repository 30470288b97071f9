// The reader's remembered text size applies at once, so the pre-rendered
// text does not change size under them; the A−/A+ buttons work from here.
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
addEventListener('bantin:swapped', applyScale);
const fontStep = (event) => {
  const button = event.target instanceof Element && event.target.closest('[data-font-step]');
  if (!button) return;
  index = Math.min(scales.length - 1, Math.max(0, index + Number(button.dataset.fontStep)));
  applyScale();
  try { localStorage.setItem(key, String(index)); } catch (e) {}
};
document.addEventListener('click', fontStep);

// "Nghe bài viết": the article read aloud by the browser's Vietnamese
// voice. The controls are in every article page (the same markup in the
// app), shown once a voice is there; all of the speaking is here, which
// costs readers far less than the same through the app's WebAssembly.
const speech = window.speechSynthesis;
const root = document.documentElement;
const vi = (voice) => /^vi([-_]|$)/i.test(voice.lang || '');
let parts = [];
let reading = null;
const setSpeech = (state) => {
  if (state) root.dataset.speech = state;
  else delete root.dataset.speech;
  const label = { speaking: 'Tạm dừng', paused: 'Tiếp tục' }[state] ?? 'Nghe bài viết';
  for (const b of document.querySelectorAll('[data-read="toggle"]')) b.textContent = label;
};
const mark = (el) => {
  reading?.removeAttribute('data-reading');
  reading = el;
  el?.setAttribute('data-reading', '');
  el?.scrollIntoView({ block: 'nearest' });
};
const stop = () => {
  parts = [];
  speech.cancel();
  mark(null);
  setSpeech(null);
};
// Title, lead, then the body: one utterance a part, so the highlight
// follows and no utterance is long enough for engines that stop after a while.
const read = () => {
  stop();
  const voice = speech.getVoices().find(vi);
  const mine = parts = [...document.querySelectorAll('#article-title, .article-lead, .article-body p')]
    .filter((el) => el.textContent.trim());
  mine.forEach((el, i) => {
    const u = new SpeechSynthesisUtterance(el.textContent);
    u.lang = 'vi-VN';
    u.voice = voice;
    u.onstart = () => parts === mine && mark(el);
    if (i === mine.length - 1) u.onend = () => parts === mine && stop();
    speech.speak(u);
  });
  setSpeech('speaking');
};
if (speech) {
  const voices = () => speech.getVoices().some(vi) && root.classList.add('has-voice');
  speech.addEventListener('voiceschanged', voices);
  voices();
  // The reader left the article (the app replaced the page): silence.
  new MutationObserver(() => parts.length && !parts[0].isConnected && stop())
    .observe(document.body, { childList: true, subtree: true });
}
// Read aloud, unless the article has its own recording (media.js).
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element && event.target.closest('[data-read]');
  if (!button || !speech || document.querySelector('.players audio')) return;
  const state = root.dataset.speech;
  if (button.dataset.read === 'stop') {
    stop();
    // The stop button hides itself: the reader's focus goes back to "Nghe".
    button.parentElement.querySelector('[data-read="toggle"]').focus();
  }
  else if (state === 'speaking') { speech.pause(); setSpeech('paused'); }
  else if (state === 'paused') { speech.resume(); setSpeech('speaking'); }
  else read();
});

// Recordings and videos: their script, only where an article has them.
const withMedia = () => document.querySelector('.hero[data-media]') && import(__MEDIA__)
  .then((media) => media.start(setSpeech), () => {});
new MutationObserver(withMedia).observe(document.body, { childList: true, subtree: true });
withMedia();

// Reading offline: the service worker (sw.js, written by the build)
// keeps what the reader reads; a page or list served from its copy says so.
const savedNote = (saved) => {
  if (saved === undefined) return;
  let note = document.getElementById('saved-copy');
  if (!saved) return note?.remove();
  if (!note) {
    note = document.createElement('aside');
    note.id = 'saved-copy';
    note.setAttribute('aria-label', 'Bản đã lưu');
    note.setAttribute('aria-live', 'polite');
    document.body.append(note);
  }
  const m = Math.round((Date.now() - saved) / 6e4);
  const age = m < 60 ? `${m} phút` : m < 2880 ? `${Math.round(m / 60)} giờ` : `${Math.round(m / 1440)} ngày`;
  note.textContent = `Bạn đang ngoại tuyến: đây là bản đã lưu ${age} trước.`;
};
const workers = navigator.serviceWorker;
workers?.addEventListener('message', (event) => savedNote(event.data?.bantinSaved));
workers?.controller?.postMessage({ bantinSaved: location.href });

// The way out (docs/offline.md): where sw.js is gone from the site, the
// worker goes too. Checked before the app starts, since an app that fails
// may be why sw.js was removed; only where a worker runs this page, and
// once a browsing session, not a request on every page a reader opens.
const killSwitch = async () => {
  try {
    if ((await fetch('/sw.js', { method: 'HEAD', cache: 'no-store' })).status === 404) {
      for (const r of await workers.getRegistrations()) await r.unregister();
    }
  } catch (e) { /* offline: keep it */ }
};
const firstInSession = () => {
  try {
    if (sessionStorage.getItem('bantin-sw-checked')) return false;
    sessionStorage.setItem('bantin-sw-checked', '1');
  } catch (e) {}
  return true;
};
if (workers?.controller && firstInSession()) killSwitch();

// The page is already there, pre-rendered: its islands and the document
// swap start once it has loaded, so that nothing competes with its images.
await new Promise((r) => document.readyState === 'complete' ? r() : addEventListener('load', r, { once: true }));
__APP__
// The worker, once the page has loaded (its install fetches the app's files).
workers?.register('/sw.js').catch(killSwitch);

