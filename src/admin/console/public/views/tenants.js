import { admin } from '../lib/api.js';
import { confirmAction } from '../lib/confirm.js';
import { h, mount, notice, secretBox, when } from '../lib/dom.js';

/** Tenants (platform operators only): list, create (its first admin key shown once), disable, delete. */
export async function tenantsView(el) {
  const list = h('div', {});
  const status = h('div', { class: 'status' });
  const slug = h('input', { name: 'slug', required: true, placeholder: 'shop', pattern: '[a-z0-9][a-z0-9-]*' });
  const rpId = h('input', { name: 'rpId', required: true, placeholder: 'shop.example.com' });
  const origins = h('input', { name: 'origins', required: true, placeholder: 'https://shop.example.com' });
  const rpName = h('input', { name: 'rpName', placeholder: 'Shop' });

  const act = (work) => work().catch((error) => status.replaceChildren(notice('error', error.message)));

  async function load() {
    const { tenants } = await admin.get('/tenants');
    mount(list, h('table', {},
      h('thead', {}, h('tr', {}, ['Slug', 'Name', 'RP ID', 'Origins', 'Status', 'Created', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, tenants.map((t) => h('tr', {},
        h('td', {}, t.slug), h('td', {}, t.rpName), h('td', {}, t.rpId), h('td', {}, (t.origins ?? []).join(', ')),
        h('td', {}, h('span', { class: `badge ${t.status ?? 'active'}` }, t.status ?? 'active')), h('td', {}, when(t.createdAt)),
        h('td', { class: 'actions' }, t.slug === 'default' ? null : [
          h('button', { class: 'secondary small', onclick: () => act(() => setStatus(t)) }, t.status === 'disabled' ? 'Enable' : 'Disable'),
          h('button', { class: 'danger small', onclick: () => act(() => remove(t)) }, 'Delete')]))))));
  }
  async function setStatus(t) {
    const enable = t.status === 'disabled';
    if (!(await confirmAction(`${enable ? 'Enable' : 'Disable'} tenant ${t.slug}?`, enable ? 'Its APIs answer again.' : 'Its users can no longer log in.', enable ? 'Enable' : 'Disable'))) return;
    await admin.patch(`/tenants/${encodeURIComponent(t.slug)}`, { status: enable ? 'active' : 'disabled' });
    await load();
  }
  async function remove(t) {
    if (!(await confirmAction(`Delete tenant ${t.slug}?`, 'The tenant and everything it owns — users, credentials, keys, audit log — are deleted. This cannot be undone.', 'Delete tenant'))) return;
    await admin.delete(`/tenants/${encodeURIComponent(t.slug)}`);
    await load();
  }
  const create = (event) => {
    event.preventDefault();
    act(async () => {
      const made = await admin.post('/tenants', { slug: slug.value.trim(), rpId: rpId.value.trim(), origins: origins.value.split(',').map((o) => o.trim()).filter(Boolean), ...(rpName.value.trim() ? { rpName: rpName.value.trim() } : {}) });
      status.replaceChildren(h('div', { class: 'card inset' }, notice('ok', `Tenant ${made.tenant.slug} created.`), secretBox('Its admin API key (shown once)', made.adminKey)));
      await load();
    });
  };

  el.append(h('h1', {}, 'Tenants'), list,
    h('section', { class: 'card' }, h('h2', {}, 'New tenant'),
      h('form', { class: 'grid-form', onsubmit: create },
        h('label', {}, 'Slug', slug), h('label', {}, 'RP ID', rpId), h('label', {}, 'Origins (comma-separated)', origins), h('label', {}, 'Name', rpName),
        h('button', { type: 'submit' }, 'Create tenant'))),
    status);
  await load();
}
