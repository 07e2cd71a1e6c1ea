// Tabs as the WAI-ARIA pattern has them: arrow keys, Home and End move between tabs; a panel's content
// is loaded the first time its tab is shown.

import {h} from './dom.js';

/** tabs('Message views', [{id, label, load: async (panel) => {...}}], initialId) */
export function tabs(label, defs, initialId) {
  const list = h('div', {role: 'tablist', 'aria-label': label, class: 'tabs'});
  const panels = h('div', {class: 'panels'});
  const loaded = new Set();
  const buttons = [];

  for (const def of defs) {
    const button = h('button', {
      type: 'button', role: 'tab', id: `tab-${def.id}`, 'aria-controls': `panel-${def.id}`,
      'aria-selected': 'false', tabindex: '-1',
    }, def.label);
    const panel = h('section', {role: 'tabpanel', id: `panel-${def.id}`, 'aria-labelledby': `tab-${def.id}`, tabindex: '0', hidden: true});
    button.addEventListener('click', () => select(def.id));
    button.addEventListener('keydown', (event) => {
      const index = buttons.indexOf(button);
      const to = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1}[event.key];
      if (to === undefined) return;
      event.preventDefault();
      const target = buttons[(to + buttons.length) % buttons.length];
      select(target.dataset.tab);
      target.focus();
    });
    button.dataset.tab = def.id;
    buttons.push(button);
    list.append(button);
    panels.append(panel);
  }

  function select(id) {
    for (const button of buttons) {
      const on = button.dataset.tab === id;
      button.setAttribute('aria-selected', String(on));
      button.tabIndex = on ? 0 : -1;
      document.getElementById(button.getAttribute('aria-controls')).hidden = !on;
    }
    if (!loaded.has(id)) {
      loaded.add(id);
      const def = defs.find((d) => d.id === id);
      const panel = document.getElementById(`panel-${id}`);
      panel.replaceChildren(h('p', {class: 'loading'}, 'Loading…'));
      Promise.resolve(def.load(panel)).catch((error) => {
        panel.replaceChildren(h('p', {class: 'notice error', role: 'alert'}, error.message));
        loaded.delete(id);
      });
    }
  }

  const root = h('div', {class: 'tabbed'}, list, panels);
  // panels are looked up by id, so select once the widget is in the document
  root.start = () => select(initialId ?? defs[0].id);
  return root;
}
