import { admin } from '../lib/api.js';
import { confirmAction } from '../lib/confirm.js';
import { h, mount, notice, secretBox, when } from '../lib/dom.js';

/** API keys: list (no secrets), create with scopes and an expiry (the secret shown once), revoke. */
export async function apiKeysView(el, { session }) {
  const list = h('div', {});
  const status = h('div', { class: 'status' });
  const name = h('input', { name: 'name', required: true, placeholder: 'deploy bot' });
  const expires = h('input', { name: 'expiresAt', type: 'datetime-local' });
  const held = (scope) => session.scopes.includes('*') || session.scopes.includes(scope);
  const boxes = session.knownScopes.filter(held).map((scope) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: scope }), scope));
  const act = (work) => work().catch((error) => status.replaceChildren(notice('error', error.message)));

  async function load() {
    const { apiKeys } = await admin.get('/api-keys');
    mount(list, h('table', {},
      h('thead', {}, h('tr', {}, ['Name', 'Scopes', 'Created', 'Expires', 'Last used', 'Status', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, apiKeys.map((k) => h('tr', {},
        h('td', {}, k.name), h('td', { class: 'scopes' }, k.scopes.join(' ')), h('td', {}, when(k.createdAt)), h('td', {}, when(k.expiresAt)), h('td', {}, when(k.lastUsedAt)),
        h('td', {}, h('span', { class: `badge ${k.revokedAt ? 'revoked' : 'active'}` }, k.revokedAt ? 'revoked' : 'active')),
        h('td', {}, k.revokedAt ? null : h('button', { class: 'danger small', onclick: () => act(() => revoke(k)) }, 'Revoke')))))));
  }
  async function revoke(k) {
    if (!(await confirmAction(`Revoke key ${k.name}?`, 'Every caller using this key is refused from now on.', 'Revoke key'))) return;
    await admin.delete(`/api-keys/${encodeURIComponent(k.id)}`);
    await load();
  }
  const create = (event) => {
    event.preventDefault();
    act(async () => {
      const scopes = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
      const made = await admin.post('/api-keys', { name: name.value.trim(), scopes, ...(expires.value ? { expiresAt: new Date(expires.value).toISOString() } : {}) });
      status.replaceChildren(h('div', { class: 'card inset' }, secretBox(`Secret of ${made.apiKey.name} (shown once)`, made.secret)));
      await load();
    });
  };
  el.append(h('h1', {}, 'API keys'), list,
    h('section', { class: 'card' }, h('h2', {}, 'New API key'),
      h('form', { class: 'grid-form', onsubmit: create },
        h('label', {}, 'Name', name), h('label', {}, 'Expires (optional)', expires),
        h('fieldset', { class: 'scopes' }, h('legend', {}, 'Scopes (only those you hold)'), boxes),
        h('button', { type: 'submit' }, 'Create key'))),
    status);
  await load();
}
