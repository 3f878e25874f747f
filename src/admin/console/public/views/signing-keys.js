import { admin } from '../lib/api.js';
import { confirmAction } from '../lib/confirm.js';
import { h, mount, notice, when } from '../lib/dom.js';

/** Signing keys with their state; rotate. */
export async function signingKeysView(el) {
  const list = h('div', {});
  const status = h('div', { class: 'status' });
  async function load() {
    const { signingKeys } = await admin.get('/signing-keys');
    mount(list, h('table', {},
      h('thead', {}, h('tr', {}, ['Key id', 'Algorithm', 'State', 'Created', 'Retired', 'Verifies until'].map((t) => h('th', {}, t)))),
      h('tbody', {}, signingKeys.map((k) => h('tr', {},
        h('td', { class: 'mono' }, k.kid), h('td', {}, k.alg), h('td', {}, h('span', { class: `badge ${k.state}` }, k.state)),
        h('td', {}, when(k.createdAt)), h('td', {}, when(k.retiredAt)), h('td', {}, when(k.verifiesUntil)))))));
  }
  const rotate = async () => {
    try {
      if (!(await confirmAction('Rotate the signing key?', 'New tokens are signed with a new key; the current one keeps verifying the tokens it signed until they expire.', 'Rotate'))) return;
      const { kid } = await admin.post('/signing-keys/rotate');
      status.replaceChildren(notice('ok', `New signing key ${kid}.`));
      await load();
    } catch (error) {
      status.replaceChildren(notice('error', error.message));
    }
  };
  el.append(h('div', { class: 'title-row' }, h('h1', {}, 'Signing keys'), h('button', { class: 'secondary', onclick: rotate }, 'Rotate')), status, list);
  await load();
}
