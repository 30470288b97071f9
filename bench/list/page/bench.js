// Times the two lists in turn: creation plus a forced layout, after the
// page has settled, alternating which goes first.
import init, * as leptos from './bantin_bench_list.js';
import { renderVanilla } from './vanilla.js';

const host = document.getElementById('host');
const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
// Leptos may leave comment markers; they are not part of the markup.
const markup = () => host.innerHTML.replace(/<!--[^]*?-->/g, '');

window.runBench = async (json, { runs, warmup }) => {
  await init();
  leptos.load(json);
  const items = JSON.parse(json);
  const lists = {
    leptos: { prepare: () => leptos.prepare(), render: () => leptos.render(host), clear: () => leptos.clear() },
    vanilla: { prepare: () => {}, render: () => renderVanilla(host, items), clear: () => host.replaceChildren() },
  };
  const seen = {};
  const once = async (name) => {
    const list = lists[name];
    list.prepare();
    await settle();
    const start = performance.now();
    list.render();
    void host.offsetHeight;
    const ms = performance.now() - start;
    seen[name] = { markup: markup(), rows: host.querySelectorAll('li').length };
    list.clear();
    if (host.children.length) throw new Error(`${name}: the list was not removed`);
    return ms;
  };
  const times = { leptos: [], vanilla: [] };
  for (let i = 0; i < warmup + runs; i += 1) {
    for (const name of i % 2 ? ['vanilla', 'leptos'] : ['leptos', 'vanilla']) {
      const ms = await once(name);
      if (i >= warmup) times[name].push(ms);
    }
  }
  return { times, seen };
};
