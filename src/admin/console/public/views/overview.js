import { admin, query } from '../lib/api.js';
import { loginBuckets, loginChart } from '../lib/chart.js';
import { h } from '../lib/dom.js';

const HOURS = 24;

/** Reads the audit log back to `since` (newest first), at most a few pages. */
async function eventsSince(since) {
  const events = [];
  let after;
  for (let page = 0; page < 6; page++) {
    const { events: batch, nextCursor } = await admin.get(`/audit${query({ limit: 500, since: new Date(since).toISOString(), after })}`);
    events.push(...batch);
    const last = batch.at(-1);
    if (nextCursor === null || last === undefined || (typeof last.at === 'number' ? last.at : Date.parse(last.at)) < since) break;
    after = nextCursor;
  }
  return events;
}

export async function overviewView(el, { session }) {
  const now = Date.now();
  const events = await eventsSince(now - HOURS * 3600_000);
  const buckets = loginBuckets(events, now, HOURS);
  const total = (key) => buckets.reduce((sum, b) => sum + b[key], 0);
  el.append(
    h('h1', {}, 'Overview'),
    h('div', { class: 'stats' },
      h('div', { class: 'stat' }, h('span', { class: 'value', id: 'stat-logins' }, total('logins')), h('span', { class: 'label' }, `logins, last ${HOURS} h`)),
      h('div', { class: 'stat' }, h('span', { class: total('failures') > 0 ? 'value fail' : 'value', id: 'stat-failures' }, total('failures')), h('span', { class: 'label' }, `failed logins, last ${HOURS} h`)),
      h('div', { class: 'stat' }, h('span', { class: 'value' }, session.scopes.includes('*') ? 'all' : session.scopes.length), h('span', { class: 'label' }, 'scopes you hold'))),
    h('section', { class: 'card' },
      h('h2', {}, 'Logins per hour'),
      h('div', { class: 'legend' }, h('span', { class: 'swatch ok' }), 'successful', h('span', { class: 'swatch fail' }), 'failed'),
      loginChart(buckets)),
  );
}
