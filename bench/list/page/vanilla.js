// The headline list written by hand, the way a careful front-end developer
// would without a framework: the same markup as bantin-views' HeadlineList,
// text set as text, the short date in Vietnam time.

const pad = (n) => String(n).padStart(2, '0');

// `dd/mm/yyyy HH:MM` in Vietnam time (UTC+7, no daylight saving).
export function shortDate(iso) {
  const t = new Date(Date.parse(iso) + 7 * 3600 * 1000);
  return `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

export function renderVanilla(parent, items) {
  const list = document.createElement('ul');
  list.className = 'headlines';
  for (const item of items) {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.setAttribute('href', item.path);
    link.textContent = item.title;
    const time = document.createElement('time');
    time.setAttribute('datetime', item.published);
    time.textContent = shortDate(item.published);
    li.append(link, ' ', time);
    list.append(li);
  }
  parent.append(list);
}
