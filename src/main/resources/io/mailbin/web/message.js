// One message: its facts, then tabs for the HTML (in a sandboxed frame that runs no script and loads no
// remote image until asked), the text, the headers, the raw source and the attachments; delete and star.

import {api, apiKey, explain, seg} from './api.js';
import {announce, confirmButton, formatSize, h, mailboxes, notice, saveBlob, time} from './dom.js';
import {tabs} from './tabs.js';

const inboxLink = (address) => `#/inbox/${encodeURIComponent(address)}`;

export async function message(main, address, id) {
  const back = h('p', {class: 'back'}, h('a', {href: inboxLink(address)}, '← ', address));
  main.replaceChildren(back, h('h1', {}, 'Message'), h('p', {class: 'loading'}, 'Loading…'));
  const base = `/api/addresses/${seg(address)}/messages/${seg(id)}`;
  let m;
  try {
    m = await api(base);
  } catch (error) {
    main.replaceChildren(back, h('h1', {}, 'Message not available'), notice(explain(error), 'error'));
    return;
  }
  document.title = `${m.subject || '(no subject)'} · Mailbin`;

  const facts = h('dl', {class: 'facts'},
    fact('From', mailboxes(m.from) || '(no sender)'),
    fact('To', mailboxes(m.to)),
    m.cc && m.cc.length ? fact('Cc', mailboxes(m.cc)) : null,
    fact('Received', time(m.received, true)),
    fact('Size', formatSize(m.size)),
    m.spam != null ? fact('Spam score', Number(m.spam).toFixed(2)) : null,
    m.originalInbox && m.originalInbox !== m.inbox ? fact('Sent to', m.originalInbox) : null);

  const status = h('p', {class: 'action-status', role: 'status'});
  const actions = h('div', {class: 'actions'},
    confirmButton('Delete', 'Delete this message for good?', async () => {
      try {
        await api(base, {method: 'DELETE'});
        announce('Message deleted');
        location.hash = inboxLink(address);
      } catch (error) {
        status.textContent = explain(error);
      }
    }),
    apiKey.get() ? starButton(base, m, status) : null,
    status);

  const attachmentCount = (m.attachments ?? []).length;
  const views = tabs('Message views', [
    {id: 'html', label: 'HTML', load: (panel) => htmlPanel(panel, address, id)},
    {id: 'text', label: 'Text', load: async (panel) => {
      const text = await api(`/api/text/${seg(address)}/${seg(id)}`, {as: 'text'});
      panel.replaceChildren(h('pre', {class: 'text'}, text || '(empty)'));
    }},
    {id: 'headers', label: 'Headers', load: async (panel) => {
      const headers = await api(`${base}/headers?messageHeadersFormat=json-ordered`);
      panel.replaceChildren(h('table', {class: 'headers'},
        h('caption', {class: 'visually-hidden'}, 'Headers in the order received'),
        h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Name'), h('th', {scope: 'col'}, 'Value'))),
        h('tbody', {}, headers.map((f) => h('tr', {}, h('th', {scope: 'row'}, f.name), h('td', {}, f.value))))));
    }},
    {id: 'raw', label: 'Raw', load: async (panel) => {
      const raw = await api(`/api/raw/${seg(address)}/${seg(id)}`, {as: 'text'});
      panel.replaceChildren(
        h('p', {}, h('button', {type: 'button', onclick: async () => {
          saveBlob(await api(`/api/raw/${seg(address)}/${seg(id)}`, {as: 'blob'}), `${id}.eml`);
        }}, 'Download .eml')),
        h('pre', {class: 'raw'}, raw));
    }},
    {id: 'attachments', label: `Attachments (${attachmentCount})`, load: (panel) => attachmentsPanel(panel, base)},
  ], 'html');

  main.replaceChildren(back, h('h1', {}, m.subject || '(no subject)'), facts, actions, views);
  views.start();
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

function starButton(base, m, status) {
  let starred = m.savedBy != null;
  const button = h('button', {type: 'button', 'aria-pressed': String(starred)}, starred ? '★ Starred' : '☆ Star');
  button.addEventListener('click', async () => {
    try {
      const changed = await api(`${base}/star`, {method: 'PUT'});
      starred = changed.savedBy != null;
      button.setAttribute('aria-pressed', String(starred));
      button.textContent = starred ? '★ Starred' : '☆ Star';
      status.textContent = starred ? 'Starred: kept for your account' : 'Star removed';
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  return button;
}

async function htmlPanel(panel, address, id) {
  const view = await api(`/web/view/${seg(address)}/${seg(id)}`);
  const frame = h('iframe', {
    class: 'mail', title: 'Message content', src: view.frame, referrerpolicy: 'no-referrer',
    sandbox: 'allow-popups allow-popups-to-escape-sandbox',
  });
  const parts = [];
  if (!view.hasHtml) parts.push(h('p', {class: 'help'}, 'This message has no HTML part: it is shown as text.'));
  if (view.remoteImages > 0) {
    const bar = h('p', {class: 'notice info images'},
      `Remote images are blocked (${view.remoteImages}), so the sender cannot tell you opened this message. `);
    bar.append(h('button', {type: 'button', onclick: () => {
      frame.src = view.frameWithImages;
      bar.replaceChildren('Remote images loaded.');
    }}, 'Load remote images'));
    parts.push(bar);
  }
  parts.push(frame);
  panel.replaceChildren(...parts);
}

async function attachmentsPanel(panel, base) {
  const attachments = await api(`${base}/attachments`);
  if (attachments.length === 0) {
    panel.replaceChildren(h('p', {}, 'No attachments.'));
    return;
  }
  panel.replaceChildren(h('ul', {class: 'attachment-list'}, attachments.map((a) => {
    const name = a.fileName || `${a.checksum}`;
    return h('li', {},
      h('span', {class: 'name'}, name),
      h('span', {class: 'type'}, a.contentType || 'application/octet-stream'),
      h('span', {class: 'size'}, formatSize(a.length)),
      h('button', {type: 'button', 'aria-label': `Download ${name}`, onclick: async (event) => {
        const button = event.currentTarget;
        button.disabled = true;
        try {
          saveBlob(await api(`${base}/attachments/${seg(a.checksum)}`, {as: 'blob'}), name);
        } catch (error) {
          panel.append(notice(explain(error), 'error'));
        } finally {
          button.disabled = false;
        }
      }}, 'Download'));
  })));
}
