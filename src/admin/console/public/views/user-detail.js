import { admin } from '../lib/api.js';
import { confirmAction } from '../lib/confirm.js';
import { h, mount, notice, secretBox, when } from '../lib/dom.js';

/** One user: profile, passkeys and device keys; disable, delete, revoke, registration grant. */
export async function userDetailView(el, { id }) {
  const status = h('div', { class: 'status' });
  const body = h('div', {});
  el.append(h('p', {}, h('a', { href: '#/users' }, '← Users')), body);

  const act = async (work) => {
    try {
      await work();
    } catch (error) {
      status.replaceChildren(notice('error', error.message));
    }
  };

  async function load(message) {
    const [user, { credentials }] = await Promise.all([admin.get(`/users/${encodeURIComponent(id)}`), admin.get(`/users/${encodeURIComponent(id)}/credentials`)]);
    const disabled = user.status === 'disabled';
    const toggle = () => act(async () => {
      const verb = disabled ? 'Enable' : 'Disable';
      if (!(await confirmAction(`${verb} ${user.username}?`, disabled ? 'The user can log in again.' : 'The user can no longer log in, and their tokens stop working.', verb))) return;
      await admin.patch(`/users/${encodeURIComponent(id)}`, { status: disabled ? 'active' : 'disabled' });
      await load(`${user.username} ${disabled ? 'enabled' : 'disabled'}.`);
    });
    const remove = () => act(async () => {
      if (!(await confirmAction(`Delete ${user.username}?`, 'The user and everything they own (passkeys, device keys, tokens) are deleted. This cannot be undone.', 'Delete user'))) return;
      await admin.delete(`/users/${encodeURIComponent(id)}`);
      location.hash = '#/users';
    });
    const grant = () => act(async () => {
      const made = await admin.post(`/users/${encodeURIComponent(id)}/registration-grants`);
      status.replaceChildren(h('div', { class: 'card inset' },
        secretBox('Registration grant (shown once)', made.grant),
        h('p', { class: 'muted' }, `Valid until ${when(made.expiresAt)}, once. The user's app sends it as registrationGrant in POST /attestation/options to add a passkey.`)));
    });
    const revoke = (c) => act(async () => {
      if (!(await confirmAction(`Revoke this ${c.kind === 'passkey' ? 'passkey' : 'key'}?`, `${c.name ?? c.id} stops working at once, on every node.`, 'Revoke'))) return;
      await admin.delete(`/credentials/${encodeURIComponent(c.id)}`);
      await load('Revoked.');
    });

    mount(body,
      h('div', { class: 'title-row' },
        h('h1', {}, user.displayName || user.username, ' ', h('span', { class: `badge ${user.status}` }, user.status)),
        h('div', { class: 'actions' },
          h('button', { class: 'secondary', id: 'grant', onclick: grant }, 'Registration grant'),
          h('button', { class: 'secondary', id: 'toggle-status', onclick: toggle }, disabled ? 'Enable' : 'Disable'),
          h('button', { class: 'danger', id: 'delete-user', onclick: remove }, 'Delete'))),
      message ? notice('ok', message) : null,
      status,
      h('section', { class: 'card' },
      facts([['Username', user.username], ['User id', user.id], ['Email', user.email ?? '—'], ['Phone', user.phone ?? '—'], ['Created', when(user.createdAt)], ['Face enrolled', user.face ? (user.face.enrolled ? 'yes' : 'no') : '—']])),
      h('section', { class: 'card' },
        h('h2', {}, 'Passkeys and device keys'),
        credentials.length === 0 ? notice('info', 'None.') : h('table', { id: 'credentials' },
          h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Via', 'Status', 'Created', 'Last used', ''].map((t) => h('th', {}, t)))),
          h('tbody', {}, credentials.map((c) => h('tr', { 'data-credential': c.id },
            h('td', {}, c.name ?? h('span', { class: 'muted' }, c.id.slice(0, 12) + '…')),
            h('td', {}, c.kind), h('td', {}, c.enrolledVia),
            h('td', {}, h('span', { class: `badge ${c.status}` }, c.status)),
            h('td', {}, when(c.createdAt)), h('td', {}, when(c.lastUsedAt)),
            h('td', {}, c.status === 'active' ? h('button', { class: 'danger small revoke', onclick: () => revoke(c) }, 'Revoke') : null)))))));
  }
  await load();
}

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}
