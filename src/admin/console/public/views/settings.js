import { admin } from '../lib/api.js';
import { confirmAction } from '../lib/confirm.js';
import { h, mount, notice, secretBox, when } from '../lib/dom.js';

/** The tenant's settings as the management API shows them, this session, and new operators. */
export async function settingsView(el, { session }) {
  const tenant = await admin.get('/tenant');
  const status = h('div', { class: 'status' });
  const newOperator = async () => {
    try {
      const { url, expiresAt } = await admin.post('/operator-enrollments');
      status.replaceChildren(h('div', { class: 'card inset' }, secretBox('Enrollment link (one use, shown once)', url), h('p', { class: 'muted' }, `Valid until ${when(expiresAt)}. It replaces any earlier link.`)));
    } catch (error) {
      status.replaceChildren(notice('error', error.message));
    }
  };
  const operators = h('div', { id: 'operators' });
  const loadOperators = async () => {
    const list = (await admin.get('/operators')).operators;
    const mine = session.operator?.id;
    mount(operators, h('table', {},
      h('thead', {}, h('tr', {}, ['Username', 'Name', 'Scopes', 'Since', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.map((o) => h('tr', {},
        h('td', {}, h('a', { href: `#/users/${encodeURIComponent(o.userId)}` }, o.username)), h('td', {}, o.displayName), h('td', { class: 'scopes' }, o.scopes.join(' ')), h('td', {}, when(o.createdAt)),
        h('td', {}, session.scopes.includes('*') && o.userId !== mine ? h('button', { class: 'danger small', onclick: () => remove(o) }, 'Remove') : null))))));
  };
  const remove = async (o) => {
    try {
      if (!(await confirmAction(`Remove operator ${o.username}?`, 'They can no longer sign in to the console; their sessions end now. The user and their passkeys stay.', 'Remove operator'))) return;
      await admin.delete(`/operators/${encodeURIComponent(o.userId)}`);
      await loadOperators();
    } catch (error) {
      status.replaceChildren(notice('error', error.message));
    }
  };
  const facts = (pairs) => h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  const policies = tenant.policies ?? {};
  el.append(
    h('h1', {}, 'Settings'),
    h('section', { class: 'card' }, h('h2', {}, 'Tenant'), facts([
      ['Slug', tenant.slug], ['Name', tenant.rpName], ['RP ID', tenant.rpId], ['Origins', (tenant.origins ?? []).join(', ')],
      ['Dialects', Object.keys(tenant.dialects ?? {}).join(', ') || '—'], ['Updated', when(tenant.updatedAt)],
    ])),
    h('section', { class: 'card' }, h('h2', {}, 'Policies'), facts(Object.entries(policies).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]))),
    h('section', { class: 'card' }, h('h2', {}, 'This session'), facts([
      ['Signed in as', session.operator ? `${session.operator.username} (passkey)` : `API key ${session.apiKey?.name ?? ''}`],
      ['Scopes', session.scopes.join(' ')], ['Idle timeout', `${Math.round(session.idleTimeoutSeconds / 60)} minutes (CONSOLE_IDLE_TIMEOUT_SECONDS)`],
    ])),
    h('section', { class: 'card' }, h('h2', {}, 'Operators'),
      operators,
      h('p', { class: 'muted' }, 'A new operator opens a one-time link and creates a passkey. The CLI makes one as well: npm run cli -- console-link [--tenant <slug>].'),
      session.scopes.includes('*') ? h('button', { id: 'new-operator-link', onclick: newOperator }, 'New operator link') : notice('info', 'Only an operator with every scope makes operator links.'),
      status));
  await loadOperators();
}
