// The console: one page, a hash router, plain ES modules (no build step).
import { ApiError, call, setCsrfToken } from './lib/api.js';
import { h, mount, notice } from './lib/dom.js';
import { apiKeysView } from './views/api-keys.js';
import { auditView } from './views/audit.js';
import { enrollView } from './views/enroll.js';
import { overviewView } from './views/overview.js';
import { settingsView } from './views/settings.js';
import { signInView } from './views/sign-in.js';
import { signingKeysView } from './views/signing-keys.js';
import { tenantsView } from './views/tenants.js';
import { userDetailView } from './views/user-detail.js';
import { usersView } from './views/users.js';

const root = document.getElementById('app');
const tenantParam = new URLSearchParams(location.search).get('tenant') ?? '';

const PAGES = [
  { path: 'overview', title: 'Overview', view: overviewView },
  { path: 'users', title: 'Users', view: usersView },
  { path: 'tenants', title: 'Tenants', view: tenantsView, platform: true },
  { path: 'api-keys', title: 'API keys', view: apiKeysView },
  { path: 'signing-keys', title: 'Signing keys', view: signingKeysView },
  { path: 'audit', title: 'Audit log', view: auditView },
  { path: 'settings', title: 'Settings', view: settingsView },
];

let session = null;

async function start() {
  const enrollment = /^#enroll=(.+)$/.exec(location.hash);
  if (enrollment) {
    mount(root, enrollView({ tenant: tenantParam, link: decodeURIComponent(enrollment[1]), onSignedIn: start }));
    return;
  }
  try {
    session = await call('GET', '/console/api/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session = null;
      mount(root, signInView({ tenant: tenantParam, onSignedIn: start }));
      return;
    }
    mount(root, notice('error', error.message));
    return;
  }
  setCsrfToken(session.csrfToken);
  if (location.hash === '' || location.hash === '#') location.hash = '#/overview';
  else render();
}

function layout(active, content) {
  const who = session.operator ? session.operator.displayName || session.operator.username : `API key ${session.apiKey?.name ?? ''}`;
  const nav = PAGES.filter((p) => !p.platform || session.platform).map((p) =>
    h('a', { href: `#/${p.path}`, class: p.path === active ? 'active' : '', 'aria-current': p.path === active ? 'page' : false }, p.title));
  return h('div', { class: 'shell' },
    h('aside', { class: 'sidebar' },
      h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), 'Sigil'),
      h('div', { class: 'tenant-name' }, session.tenant.rpName, h('small', {}, session.tenant.slug)),
      h('nav', {}, nav)),
    h('div', { class: 'main' },
      h('header', { class: 'topbar' },
        h('span', { class: 'who', id: 'who' }, who),
        h('button', { class: 'secondary small', id: 'sign-out', onclick: signOut }, 'Sign out')),
      h('main', { class: 'content' }, content)));
}

async function signOut() {
  await call('POST', '/console/api/sign-out').catch(() => null);
  setCsrfToken(null);
  location.hash = '';
  await start();
}

async function render() {
  if (session === null) return;
  const [, page = 'overview', id] = /^#\/([a-z-]+)(?:\/([^/]+))?/.exec(location.hash) ?? [];
  const entry = PAGES.find((p) => p.path === page) ?? PAGES[0];
  const content = h('div', { class: 'page' });
  mount(root, layout(entry.path, content));
  document.title = `${entry.title} · Sigil console`;
  const view = entry.path === 'users' && id ? userDetailView : entry.view;
  try {
    await view(content, { session, id: id === undefined ? undefined : decodeURIComponent(id) });
  } catch (error) {
    // An expired session sends the operator back to sign-in; other failures are shown in place.
    if (error instanceof ApiError && error.status === 401) await start();
    else content.append(notice('error', error.message));
  }
}

window.addEventListener('hashchange', () => {
  if (/^#enroll=/.test(location.hash)) start();
  else render();
});
start();
