// With an API key: my private addresses (reserve, release, forwarding), my domains and their catch-all,
// my starred messages. The key is entered once and kept in this browser's localStorage.

import {api, apiKey, explain, seg} from './api.js';
import {announce, confirmButton, h, notice} from './dom.js';
import {messageRow} from './inbox.js';

const inboxLink = (address) => `#/inbox/${encodeURIComponent(address)}`;

export async function account(main) {
  document.title = 'Account · Mailbin';
  if (!apiKey.get()) {
    keyForm(main);
    return;
  }
  let me;
  try {
    me = await api('/api/me');
  } catch (error) {
    keyForm(main, explain(error));
    return;
  }
  const addresses = h('section', {'aria-labelledby': 'addresses-heading'});
  const domains = h('section', {'aria-labelledby': 'domains-heading'});
  const starred = h('section', {'aria-labelledby': 'starred-heading'});
  const deliveries = h('section', {'aria-labelledby': 'deliveries-heading'});
  main.replaceChildren(
    h('h1', {}, `Account ${me._id}`),
    h('p', {class: 'row'}, 'Your API key is kept in this browser only. ',
      h('button', {type: 'button', onclick: () => { apiKey.clear(); announce('API key forgotten'); location.hash = '#/'; }}, 'Forget the key')),
    addresses, domains, starred, deliveries);
  await Promise.all([addressSection(addresses), domainSection(domains), starredSection(starred), deliverySection(deliveries)]);
}

function keyForm(main, problem) {
  const input = h('input', {id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false'});
  const error = h('p', {class: 'notice error', role: 'alert', hidden: !problem}, problem ?? '');
  const form = h('form', {class: 'key', novalidate: true},
    h('label', {for: 'api-key'}, 'API key'),
    h('div', {class: 'row'}, input, h('button', {type: 'submit', class: 'primary'}, 'Use this key')),
    h('p', {class: 'help'}, 'Create one with ', h('code', {}, './mailbin account create NAME'),
      '. It is kept in this browser only and sent to this server in the Mailsac-Key header.'),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      error.textContent = 'Paste your API key first.';
      error.hidden = false;
      return;
    }
    try {
      await api('/api/me', {key});
      apiKey.set(key);
      announce('API key saved');
      account(main).then(() => main.querySelector('h1')?.focus());
    } catch (e) {
      error.textContent = explain(e).replace('saved in this browser ', '');
      error.hidden = false;
      input.focus();
    }
  });
  main.replaceChildren(h('h1', {}, 'Use an API key'),
    h('p', {}, 'With your key you can read your private inboxes, reserve addresses, set their forwarding, and manage your domains.'),
    form);
}

async function addressSection(section) {
  const list = h('ul', {class: 'cards'});
  const input = h('input', {id: 'reserve-address', type: 'text', inputmode: 'email', autocomplete: 'off', spellcheck: 'false', required: true});
  const status = h('p', {class: 'action-status', role: 'status'});
  const form = h('form', {class: 'inline', novalidate: true},
    h('label', {for: 'reserve-address'}, 'Address to reserve'),
    h('div', {class: 'row'}, input, h('button', {type: 'submit', class: 'primary'}, 'Reserve')),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const address = input.value.trim().toLowerCase();
    if (!address) return;
    try {
      const reserved = await api(`/api/addresses/${seg(address)}`, {method: 'POST', body: {}});
      input.value = '';
      status.textContent = `Reserved ${reserved._id}.`;
      await refresh();
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  section.replaceChildren(h('h2', {id: 'addresses-heading'}, 'My private addresses'), form, list);

  async function refresh() {
    try {
      const addresses = await api('/api/addresses');
      list.replaceChildren(...addresses.map((a) => addressCard(a, refresh, status)));
      if (addresses.length === 0) list.replaceChildren(h('li', {class: 'empty'}, 'No private addresses yet.'));
    } catch (error) {
      list.replaceChildren(h('li', {}, notice(explain(error), 'error')));
    }
  }
  await refresh();
}

function addressCard(a, refresh, status) {
  const id = a._id.replace(/[^a-z0-9]/gi, '-');
  const field = (name, label, type, value, help) => h('div', {class: 'field'},
    h('label', {for: `${id}-${name}`}, label),
    h('input', {id: `${id}-${name}`, name, type, value: value ?? '', autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': help ? `${id}-${name}-help` : null}),
    help ? h('p', {class: 'help', id: `${id}-${name}-help`}, help) : null);
  const ws = h('input', {id: `${id}-enablews`, name: 'enablews', type: 'checkbox', checked: a.enablews || a.enabledws});
  const saved = h('p', {class: 'action-status', role: 'status'});
  const form = h('form', {class: 'forwarding', novalidate: true},
    field('forward', 'Forward to address', 'text', a.forward, 'Mail to this address is also sent on to this one.'),
    h('div', {class: 'field check'}, ws, h('label', {for: `${id}-enablews`}, 'Send to WebSocket listeners')),
    field('webhook', 'Webhook URL', 'url', a.webhook),
    field('webhookSlack', 'Slack webhook URL', 'url', a.webhookSlack),
    h('div', {class: 'row'}, h('button', {type: 'submit', class: 'primary'}, 'Save forwarding'), saved));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value.trim() || null;
    try {
      await api(`/api/addresses/${seg(a._id)}`, {method: 'PUT', body: {
        forward: value('forward'), enablews: ws.checked, webhook: value('webhook'), webhookSlack: value('webhookSlack'),
      }});
      saved.textContent = 'Saved.';
    } catch (error) {
      saved.textContent = explain(error);
    }
  });
  return h('li', {class: 'card', 'data-address': a._id},
    h('h3', {}, h('a', {href: inboxLink(a._id)}, a._id)),
    h('details', {}, h('summary', {}, 'Forwarding'), form),
    h('div', {class: 'row'}, confirmButton('Release', `Release ${a._id}? Its mail stays private to you.`, async () => {
      try {
        await api(`/api/addresses/${seg(a._id)}`, {method: 'DELETE'});
        status.textContent = `Released ${a._id}.`;
        announce(`Released ${a._id}`);
        await refresh();
      } catch (error) {
        status.textContent = explain(error);
      }
    })));
}

async function domainSection(section) {
  const list = h('ul', {class: 'cards'});
  const input = h('input', {id: 'add-domain', type: 'text', autocomplete: 'off', spellcheck: 'false', required: true});
  const status = h('p', {class: 'action-status', role: 'status'});
  const form = h('form', {class: 'inline', novalidate: true},
    h('label', {for: 'add-domain'}, 'Domain to add'),
    h('div', {class: 'row'}, input, h('button', {type: 'submit'}, 'Add domain')),
    h('p', {class: 'help'}, 'Every address under your domain becomes yours and private; point its MX record at this server.'),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const domain = input.value.trim().toLowerCase();
    if (!domain) return;
    try {
      await api(`/api/domains/${seg(domain)}`, {method: 'POST', body: {}});
      input.value = '';
      status.textContent = `Added ${domain}.`;
      await refresh();
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  section.replaceChildren(h('h2', {id: 'domains-heading'}, 'My domains'), form, list);

  async function refresh() {
    try {
      const domains = await api('/api/domains');
      const details = await Promise.all(domains.map((d) => api(`/api/domains/${seg(d._id)}`)));
      list.replaceChildren(...details.map((d) => domainCard(d, refresh, status)));
      if (domains.length === 0) list.replaceChildren(h('li', {class: 'empty'}, 'No domains yet.'));
    } catch (error) {
      list.replaceChildren(h('li', {}, notice(explain(error), 'error')));
    }
  }
  await refresh();
}

function domainCard(d, refresh, status) {
  const domain = d.domain._id;
  const catchAll = `*@${domain}`;
  const toggle = h('button', {type: 'button', onclick: async () => {
    try {
      await api(`/api/addresses/${seg(catchAll)}`, {method: d.catchAllAddress ? 'DELETE' : 'POST', body: d.catchAllAddress ? undefined : {}});
      status.textContent = d.catchAllAddress ? `Catch-all of ${domain} turned off.` : `Catch-all of ${domain} turned on.`;
      await refresh();
    } catch (error) {
      status.textContent = explain(error);
    }
  }}, d.catchAllAddress ? 'Turn catch-all off' : 'Turn catch-all on');
  return h('li', {class: 'card'},
    h('h3', {}, domain),
    h('p', {}, `${d.domain.isPrivate ? 'Private' : 'Public'} · ${d.totalMessages} message${d.totalMessages === 1 ? '' : 's'}`),
    h('p', {}, d.catchAllAddress
      ? ['Catch-all: on, unreserved addresses are kept in ', h('a', {href: inboxLink(catchAll)}, catchAll)]
      : 'Catch-all: off'),
    h('div', {class: 'row'}, toggle));
}

async function starredSection(section) {
  section.replaceChildren(h('h2', {id: 'starred-heading'}, 'Starred messages'));
  try {
    const messages = await api('/api/addresses/starred/messages?limit=100');
    section.append(messages.length
      ? h('ol', {class: 'messages'}, messages.map((m) => messageRow(m.inbox, m)))
      : h('p', {class: 'empty'}, 'No starred messages. Star a message to keep it from being deleted.'));
  } catch (error) {
    section.append(notice(explain(error), 'error'));
  }
}

/** The delivery log of every address: webhooks, Slack posts and forwards, newest first, with why one failed. */
async function deliverySection(section) {
  section.replaceChildren(h('h2', {id: 'deliveries-heading'}, 'Deliveries'),
    h('p', {class: 'help'}, 'Webhooks, Slack posts and forwards of your addresses, with every attempt.'));
  let rows = [];
  try {
    const addresses = await api('/api/addresses');
    const logs = await Promise.all(addresses.map((a) => api(`/api/addresses/${seg(a._id)}/deliveries?limit=20`)));
    rows = logs.flat().sort((x, y) => (y.created ?? '').localeCompare(x.created ?? '')).slice(0, 50);
  } catch (error) {
    section.append(notice(explain(error), 'error'));
    return;
  }
  if (rows.length === 0) {
    section.append(h('p', {}, 'No deliveries yet.'));
    return;
  }
  const body = h('tbody', {});
  for (const d of rows) {
    const last = d.attempts[d.attempts.length - 1];
    body.append(h('tr', {},
      h('td', {}, new Date(d.created).toLocaleString()),
      h('td', {}, d.address),
      h('td', {}, d.kind),
      h('td', {class: 'target'}, d.target),
      h('td', {}, d.state),
      h('td', {}, String(d.attempts.length)),
      h('td', {}, last ? (last.error ?? String(last.status)) : '')));
  }
  section.append(h('div', {class: 'table-scroll'}, h('table', {class: 'deliveries'},
    h('thead', {}, h('tr', {}, ...['Queued', 'Address', 'Kind', 'Target', 'State', 'Attempts', 'Last answer'].map((t) => h('th', {scope: 'col'}, t)))),
    body)));
}

