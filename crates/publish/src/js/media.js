// Recordings and videos (docs/architecture.md, "Recordings"): loaded by
// the start script only where an article has them, so other pages cost
// nothing more. `start` runs once, whatever the number of calls.
let started = false;
const recording = () => document.querySelector('.players audio');

// An article's players are in its document only (views/src/media.rs):
// after a client navigation the app shows the hero without them, and
// they are put in from the document, which the service worker may hold.
const fillPlayers = async () => {
  const hero = document.querySelector('.hero[data-media]');
  const want = hero?.dataset.media;
  if (!hero || hero.dataset.filled === want) return;
  const rendered = hero.dataset.filled === undefined && hero.querySelector('.players');
  hero.dataset.filled = want;
  if (rendered) return;
  hero.querySelector('.players')?.remove();
  try {
    const page = await (await fetch(location.pathname)).text();
    const from = new DOMParser().parseFromString(page, 'text/html').querySelector('.hero[data-media]');
    if (hero.isConnected && hero.dataset.media === want && from?.dataset.media === want) {
      hero.append(from.querySelector('.players'));
    }
  } catch (e) { delete hero.dataset.filled; }
};

export const start = (setSpeech) => {
  fillPlayers();
  if (started) return;
  started = true;
  new MutationObserver(fillPlayers)
    .observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-media'] });
  // "Nghe" plays the article's own recording.
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element && event.target.closest('[data-read]');
    const audio = recording();
    if (!button || !audio) return;
    if (button.dataset.read === 'toggle') audio.paused ? audio.play() : audio.pause();
    else {
      audio.pause();
      audio.currentTime = 0;
      setSpeech(null);
      button.parentElement.querySelector('[data-read="toggle"]').focus();
    }
  });
  // Media events do not bubble: caught on their way down, the recording's
  // own controls and "Nghe" say the same. A pause at the start is a stop
  // ("Dừng đọc" rewinds before the event arrives).
  const states = { play: () => 'speaking', pause: (a) => (a.currentTime ? 'paused' : null), ended: () => null };
  for (const [type, state] of Object.entries(states)) {
    document.addEventListener(type, (event) => event.target === recording() && setSpeech(state(event.target)), true);
  }
  // YouTube's player, from youtube-nocookie.com, only once the reader asks
  // for it: until then the facade is a link to the video's page.
  document.addEventListener('click', (event) => {
    const facade = event.target instanceof Element && event.target.closest('a[data-youtube]');
    if (!facade || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    const player = document.createElement('iframe');
    player.src = facade.dataset.youtube;
    player.title = 'Video trên YouTube';
    player.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
    player.allowFullscreen = true;
    facade.hidden = true;
    facade.after(player);
    player.focus();
  });
};
