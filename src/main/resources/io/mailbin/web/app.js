// The web inbox: a page per URL fragment (#/, #/inbox/{address}, #/inbox/{address}/{id}, #/account).
// Fragments never reach the server, so the addresses a user opens stay out of every log.

import {apiKey} from './api.js';
import {h} from './dom.js';
import {home} from './home.js';
import {inbox} from './inbox.js';
import {message} from './message.js';
import {account} from './account.js';

const main = document.getElementById('main');
let stopCurrent = null;
let first = true;

let settings = null;
async function loadSettings() {
  if (!settings) {
    settings = fetch('/web/settings', {cache: 'no-store'})
      .then((r) => (r.ok ? r.json() : {publicDomains: [], publicInboxes: true}))
      .catch(() => ({publicDomains: [], publicInboxes: true}));
  }
  return settings;
}

const routes = [
  [/^#?\/?$/, () => home(main, loadSettings)],
  [/^#\/inbox\/([^/]+)$/, ([, address]) => inbox(main, decodeURIComponent(address))],
  [/^#\/inbox\/([^/]+)\/([^/]+)$/, ([, address, id]) => message(main, decodeURIComponent(address), decodeURIComponent(id))],
  [/^#\/account$/, () => account(main)],
];

async function route() {
  if (stopCurrent) stopCurrent();
  stopCurrent = null;
  markAccount();
  const hash = location.hash || '#/';
  for (const [pattern, view] of routes) {
    const match = hash.match(pattern);
    if (match) {
      main.replaceChildren();
      try {
        stopCurrent = (await view(match)) ?? null;
      } catch (error) {
        main.replaceChildren(h('h1', {tabindex: -1}, 'Something went wrong'), h('p', {class: 'notice error'}, String(error.message)));
      }
      focusHeading();
      return;
    }
  }
  main.replaceChildren(h('h1', {tabindex: -1}, 'Page not found'), h('p', {}, h('a', {href: '#/'}, 'Open an inbox')));
  focusHeading();
}

/** After navigating, keyboard and screen-reader users start at the new page's heading. */
function focusHeading() {
  const heading = main.querySelector('h1');
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  if (!first) heading.focus();
  first = false;
}

function markAccount() {
  const link = document.getElementById('account-link');
  link.textContent = apiKey.get() ? 'My account' : 'Use an API key';
  link.toggleAttribute('aria-current', location.hash === '#/account');
  if (link.hasAttribute('aria-current')) link.setAttribute('aria-current', 'page');
}

window.addEventListener('hashchange', route);
window.addEventListener('storage', markAccount);
route();
