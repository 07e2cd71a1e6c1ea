// One inbox: newest first, a page at a time (the API's `until`), new mail added live from the stream.

import {api, apiKey, explain, seg} from './api.js';
import {announce, formatSize, h, hidden, notice, time} from './dom.js';
import {follow} from './live.js';

const PAGE = 50;

export const messageLink = (address, id) => `#/inbox/${encodeURIComponent(address)}/${encodeURIComponent(id)}`;

/** One message in a list: a single link, so the whole row is one stop for the keyboard. */
export function messageRow(address, m) {
  const sender = m.from && m.from[0];
  const attachments = (m.attachments ?? []).length;
  return h('li', {'data-id': m._id},
    h('a', {href: messageLink(address, m._id)},
      h('span', {class: 'from'}, sender ? (sender.name || sender.address) : '(no sender)'),
      h('span', {class: 'subject'}, m.subject || '(no subject)'),
      h('span', {class: 'facts'},
        time(m.received),
        h('span', {class: 'size'}, formatSize(m.size)),
        attachments > 0 ? h('span', {class: 'attachments', title: `${attachments} attachment${attachments > 1 ? 's' : ''}`},
          h('span', {class: 'clip', 'aria-hidden': 'true'}), attachments > 1 ? h('span', {'aria-hidden': 'true'}, attachments) : null,
          hidden(`${attachments} attachment${attachments > 1 ? 's' : ''}`)) : null,
        m.folder && m.folder !== 'inbox' ? h('span', {class: `folder folder-${m.folder}`, title: 'Folder'}, m.folder) : null,
        m.spam != null ? h('span', {class: `spam${m.folder === 'spam' ? ' high' : ''}`, title: 'Spam score from 0 to 1'},
          `spam ${Number(m.spam).toFixed(2)}`) : null)));
}

export function inbox(main, address) {
  document.title = `${address} · Mailbin`;
  const seen = new Set();
  let newest = null;
  let oldest = null;
  let total = null;

  const count = h('span', {class: 'count'});
  const state = h('span', {class: 'live', 'data-state': 'connecting'}, 'Connecting…');
  const list = h('ol', {class: 'messages', 'aria-label': `Messages in ${address}`, 'aria-busy': 'true'});
  const empty = h('p', {class: 'empty', hidden: true}, 'No mail yet. Send a message to ', h('strong', {}, address),
    ': it appears here as soon as it arrives, without reloading.');
  const more = h('button', {type: 'button', class: 'more', hidden: true, onclick: () => loadOlder()}, 'Load older messages');
  const problems = h('div', {class: 'problems'});

  main.replaceChildren(
    h('div', {class: 'inbox-head'},
      h('h1', {}, h('span', {class: 'visually-hidden'}, 'Inbox '), h('span', {class: 'address'}, address)),
      h('p', {class: 'status-line'}, count, ' ', state)),
    problems, list, empty, more);

  function showCount() {
    count.textContent = total == null ? '' : `${total} message${total === 1 ? '' : 's'}`;
  }

  function render(messages, {atTop = false, live = false} = {}) {
    const rows = [];
    for (const m of messages) {
      if (seen.has(m._id)) continue;
      seen.add(m._id);
      const row = messageRow(address, m);
      if (live) row.classList.add('new');
      rows.push(row);
      if (!newest || m.received > newest) newest = m.received;
      if (!oldest || m.received < oldest) oldest = m.received;
    }
    if (atTop) list.prepend(...rows);
    else list.append(...rows);
    empty.hidden = seen.size > 0;
    return rows.length;
  }

  function fail(error) {
    problems.replaceChildren(notice(explain(error), 'error'));
    if (error.status === 401 || error.status === 403) {
      problems.append(h('p', {}, apiKey.get() ? 'This inbox belongs to another account.' : h('a', {href: '#/account'}, 'Enter an API key')));
    }
  }

  const path = `/api/addresses/${seg(address)}`;
  const firstPage = api(`${path}/messages?limit=${PAGE}`).then((messages) => {
    render(messages);
    more.hidden = messages.length < PAGE;
    list.setAttribute('aria-busy', 'false');
    performance.mark('mailbin:inbox-ready');
  });
  firstPage.catch(fail);
  api(`${path}/message-count`).then((c) => { total = c.count; showCount(); }).catch(() => {});

  async function loadOlder() {
    more.disabled = true;
    try {
      const messages = await api(`${path}/messages?limit=${PAGE}&until=${encodeURIComponent(oldest)}`);
      const first = list.children.length;
      render(messages);
      more.hidden = messages.length < PAGE;
      const next = list.children[first];
      if (next) next.querySelector('a').focus();
    } catch (error) {
      fail(error);
    } finally {
      more.disabled = false;
    }
  }

  /** After every (re)connect: whatever arrived while no stream was open, newest first. */
  async function catchUp() {
    try {
      await firstPage;
    } catch {
      return;
    }
    const since = newest ? `&since=${encodeURIComponent(newest)}` : '';
    const messages = await api(`${path}/messages?limit=${PAGE}${since}`);
    arrived(messages);
  }

  function arrived(messages) {
    const added = render(messages.slice().sort((a, b) => (a.received < b.received ? 1 : -1)), {atTop: true, live: true});
    if (added > 0) {
      if (total != null) total += added;
      showCount();
      const m = messages[0];
      const sender = m.from && m.from[0];
      announce(added === 1
        ? `New message from ${sender ? (sender.name || sender.address) : 'unknown sender'}: ${m.subject || 'no subject'}`
        : `${added} new messages`);
    }
  }

  const stop = follow(address, {
    onReady: () => { catchUp().catch(() => {}); },
    onMessage: (m) => { firstPage.then(() => arrived([m]), () => {}); },
    onState: (s, detail) => {
      state.dataset.state = s;
      state.textContent = {
        live: 'Live: new mail appears here',
        connecting: 'Connecting…',
        offline: 'Offline, reconnecting…',
        denied: 'Not live',
      }[s];
      if (s === 'denied' && detail) state.title = detail;
    },
  });
  return stop;
}
