// The home page: open any inbox, or a random one on this server's public domains.

import {apiKey} from './api.js';
import {h} from './dom.js';

export const inboxLink = (address) => `#/inbox/${encodeURIComponent(address)}`;

export async function home(main, loadSettings) {
  document.title = 'Mailbin';
  const input = h('input', {
    id: 'address', name: 'address', type: 'text', inputmode: 'email', autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'off', required: true, placeholder: 'anything@example.com', 'aria-describedby': 'address-help',
  });
  const error = h('p', {id: 'address-error', class: 'notice error', role: 'alert', hidden: true});
  const form = h('form', {class: 'open', novalidate: true},
    h('label', {for: 'address'}, 'Email address'),
    h('div', {class: 'row'}, input, h('button', {type: 'submit', class: 'primary'}, 'Open inbox')),
    h('p', {id: 'address-help', class: 'help'}, 'Mail sent to any address reaches this server; type one to read its inbox.'),
    error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const address = input.value.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) {
      error.textContent = 'Type a whole address, like anything@example.com.';
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    location.hash = inboxLink(address);
  });

  const random = h('section', {class: 'random', 'aria-labelledby': 'random-heading'});
  main.replaceChildren(
    h('h1', {}, 'Open any inbox'),
    form,
    random,
  );
  input.focus();

  const settings = await loadSettings();
  if (!settings.publicInboxes && !apiKey.get()) {
    form.after(h('p', {class: 'notice info'}, 'On this server every inbox needs an API key: ',
      h('a', {href: '#/account'}, 'enter yours'), ' first.'));
  }
  if (settings.publicDomains.length === 0) return;
  const domain = h('select', {id: 'random-domain'}, settings.publicDomains.map((d) => h('option', {value: d}, d)));
  random.append(
    h('h2', {id: 'random-heading'}, 'Or a random address'),
    h('div', {class: 'row'},
      settings.publicDomains.length > 1 ? [h('label', {for: 'random-domain'}, 'Domain'), domain] : null,
      h('button', {type: 'button', onclick: () => { location.hash = inboxLink(`${randomLocal()}@${domain.value}`); }},
        settings.publicDomains.length > 1 ? 'Random address' : `Random address @${settings.publicDomains[0]}`)));
}

function randomLocal() {
  const alphabet = 'abcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
