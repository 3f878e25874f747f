import { admin, query } from '../lib/api.js';
import { h, mount, notice, when } from '../lib/dom.js';

/** Users: search by username, email or phone; a page at a time. */
export async function usersView(el) {
  const results = h('div', { id: 'user-results' });
  const search = h('input', { type: 'search', name: 'query', id: 'user-search', placeholder: 'username, email or phone', autocomplete: 'off' });
  let cursor = null;

  async function load(reset) {
    if (reset) cursor = null;
    const page = await admin.get(`/users${query({ query: search.value.trim(), limit: 50, after: cursor })}`);
    const rows = page.users.map((u) =>
      h('tr', {},
        h('td', {}, h('a', { href: `#/users/${encodeURIComponent(u.id)}` }, u.username)),
        h('td', {}, u.displayName),
        h('td', {}, u.email ?? '—'),
        h('td', {}, h('span', { class: `badge ${u.status}` }, u.status)),
        h('td', {}, when(u.createdAt))));
    const table = reset || !results.querySelector('tbody')
      ? h('table', {}, h('thead', {}, h('tr', {}, ['Username', 'Name', 'Email', 'Status', 'Created'].map((t) => h('th', {}, t)))), h('tbody', {}))
      : results.querySelector('table');
    table.querySelector('tbody').append(...rows);
    cursor = page.nextCursor;
    mount(results, page.users.length === 0 && reset ? notice('info', 'No user matches.') : table, cursor ? h('button', { class: 'secondary', onclick: () => load(false) }, 'More') : null);
  }

  el.append(
    h('h1', {}, 'Users'),
    h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); load(true).catch((err) => mount(results, notice('error', err.message))); } },
      search, h('button', { type: 'submit' }, 'Search')),
    results);
  await load(true);
}
