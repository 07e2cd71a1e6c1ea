// Building the page. Everything from mail or the network becomes text nodes or attribute values, never
// markup: there is no innerHTML anywhere in the UI, and the page's CSP runs only the UI's own files.

/** h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  add(el, children);
  return el;
}

export function add(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Text for screen readers only. */
export const hidden = (text) => h('span', {class: 'visually-hidden'}, text);

/** Says something to screen-reader users without moving focus. */
export function announce(text) {
  const region = document.getElementById('announce');
  region.textContent = '';
  // a fresh text node after clearing makes screen readers read repeated messages too
  setTimeout(() => { region.textContent = text; }, 50);
}

/** A message for the user in the page itself: kind is 'error' or 'info'. */
export function notice(text, kind = 'info') {
  return h('p', {class: `notice ${kind}`, role: kind === 'error' ? 'alert' : null}, text);
}

export function formatSize(bytes) {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, {hour: '2-digit', minute: '2-digit'});
const dateFormat = new Intl.DateTimeFormat(undefined, {month: 'short', day: 'numeric'});
const fullFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'medium'});

/** A <time> element: the time today, the date otherwise, everything in its tooltip. */
export function time(iso, full = false) {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  const text = full ? fullFormat.format(date) : today ? dayFormat.format(date) : dateFormat.format(date);
  return h('time', {datetime: iso, title: fullFormat.format(date)}, text);
}

export function mailbox(m) {
  if (!m) return '';
  return m.name ? `${m.name} <${m.address}>` : m.address;
}

export function mailboxes(list) {
  return (list ?? []).map(mailbox).join(', ');
}

/** Saves a blob as a file, the way a download link would. */
export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = h('a', {href: url, download: fileName || 'download', class: 'visually-hidden'});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A button that asks once more before doing something that cannot be undone. */
export function confirmButton(label, question, action) {
  const wrap = h('span', {class: 'confirm'});
  const start = h('button', {type: 'button', class: 'danger'}, label);
  const ask = h('span', {class: 'confirm-ask', hidden: true},
    h('span', {}, question, ' '),
    h('button', {type: 'button', class: 'danger', onclick: async () => { await action(); }}, `Yes, ${label.toLowerCase()}`),
    ' ',
    h('button', {type: 'button', onclick: () => { ask.hidden = true; start.hidden = false; start.focus(); }}, 'Cancel'));
  start.addEventListener('click', () => {
    start.hidden = true;
    ask.hidden = false;
    ask.querySelector('button').focus();
  });
  return add(wrap, [start, ask]);
}
