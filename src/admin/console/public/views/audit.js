import { admin, query } from '../lib/api.js';
import { h, mount, notice, when } from '../lib/dom.js';

/** `user:<uuid>` shortened to `user:209be18e…`, the whole value in the tooltip. */
function ref(value) {
  if (value === null || value === undefined) return h('td', {}, '—');
  const m = /^([a-z-]+):([0-9a-f]{8})[0-9a-f-]{20,}$/.exec(value);
  return h('td', { class: 'mono nowrap', title: value }, m ? `${m[1]}:${m[2]}…` : value);
}

/** The audit log, newest first, with filters; a page at a time. */
export async function auditView(el) {
  const results = h('div', { id: 'audit-results' });
  const field = (name, placeholder, type = 'text') => h('input', { name, placeholder, type, autocomplete: 'off' });
  const inputs = { action: field('action', 'passkey.authenticated'), subject: field('subject', 'user:…'), actor: field('actor', 'api-key:…') };
  const outcome = h('select', { name: 'outcome' }, h('option', { value: '' }, 'any outcome'), h('option', { value: 'success' }, 'success'), h('option', { value: 'failure' }, 'failure'));
  const since = field('since', '', 'datetime-local');
  const until = field('until', '', 'datetime-local');
  let cursor = null;
  let body = null;

  const filters = () => ({
    action: inputs.action.value.trim(), subject: inputs.subject.value.trim(), actor: inputs.actor.value.trim(), outcome: outcome.value,
    since: since.value ? new Date(since.value).toISOString() : '', until: until.value ? new Date(until.value).toISOString() : '',
  });

  async function load(reset) {
    if (reset) {
      cursor = null;
      body = h('tbody', {});
    }
    const page = await admin.get(`/audit${query({ ...filters(), limit: 100, after: cursor })}`);
    body.append(...page.events.map((e) => h('tr', { class: e.outcome === 'failure' ? 'failure' : '' },
      h('td', { class: 'nowrap' }, when(e.at)), h('td', { class: 'mono nowrap' }, e.action), h('td', {}, h('span', { class: `badge ${e.outcome}` }, e.outcome)),
      ref(e.actor), ref(e.subject), h('td', { class: 'mono detail' }, e.detail ? JSON.stringify(e.detail) : ''))));
    cursor = page.nextCursor;
    mount(results,
      h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ['Time', 'Action', 'Outcome', 'Actor', 'Subject', 'Detail'].map((t) => h('th', {}, t)))), body)),
      body.children.length === 0 ? notice('info', 'No event matches.') : null,
      cursor ? h('button', { class: 'secondary', onclick: () => load(false).catch((err) => results.append(notice('error', err.message))) }, 'Older events') : null);
  }
  el.append(h('h1', {}, 'Audit log'),
    h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); load(true).catch((err) => mount(results, notice('error', err.message))); } },
      inputs.action, inputs.subject, inputs.actor, outcome,
      h('label', { class: 'inline' }, 'since', since), h('label', { class: 'inline' }, 'until', until),
      h('button', { type: 'submit' }, 'Filter')),
    results);
  await load(true);
}
