import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import { API_KEY_SCOPES } from '../../core/api-key.ts';
import { issueOperatorEnrollment } from '../../core/operators/enrollment-links.ts';
import { buildApp } from '../../http/app.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { createTestServices, TEST_ADMIN_KEY, type TestServices } from '../../testing/test-services.ts';

const ORIGIN = 'http://localhost:8080';
const COOKIE = /^sigil_console=([\w-]{43}); Path=\/; HttpOnly; SameSite=Strict$/;
type Json = Record<string, unknown>;

describe('console sessions: enrollment, passkey and API-key sign-in, cookies, CSRF, idle timeout', () => {
  let s: TestServices;
  let app: FastifyInstance;
  before(async () => {
    s = await createTestServices({ env: { CONSOLE_IDLE_TIMEOUT_SECONDS: '600' } });
    app = await buildApp(s);
  });
  after(async () => {
    await app.close();
    await s.dispose();
  });

  const ctx = () => ({ requestId: null, ip: null, actor: 'test', logger: s.logger });
  const request = async (method: 'GET' | 'POST' | 'DELETE', url: string, options: { body?: unknown; cookie?: string; csrf?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = `sigil_console=${options.cookie}`;
    if (options.csrf) headers['x-sigil-csrf'] = options.csrf;
    const res = await app.inject({ method, url, headers, ...(options.body === undefined ? {} : { payload: options.body as object }) });
    const setCookie = res.headers['set-cookie'];
    return { status: res.statusCode, body: (res.body === '' ? null : res.json()) as Json, setCookie: typeof setCookie === 'string' ? setCookie : undefined, headers: res.headers };
  };
  const tokenOf = (setCookie: string | undefined): string => {
    const m = COOKIE.exec(setCookie ?? '');
    assert.ok(m?.[1], `a console cookie, got ${setCookie}`);
    return m[1];
  };

  async function enroll(link: string, username: string, authenticator: SoftwareAuthenticator) {
    const start = await request('POST', '/console/api/enroll/options', { body: { link, username } });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    const options = start.body.options as Json;
    const response = authenticator.register({ challenge: options.challenge as string, rpId: 'localhost', origin: ORIGIN });
    return { options, result: await request('POST', '/console/api/enroll/result', { body: { link, session: start.body.session, response } }) };
  }

  async function signIn(authenticator: SoftwareAuthenticator, username?: string, userHandle?: Uint8Array) {
    const start = await request('POST', '/console/api/sign-in/options', { body: username === undefined ? {} : { username } });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    const options = start.body.options as Json;
    const response = authenticator.authenticate({ challenge: options.challenge as string, rpId: 'localhost', origin: ORIGIN, ...(userHandle ? { userHandle } : {}) });
    return request('POST', '/console/api/sign-in/result', { body: { session: start.body.session, response } });
  }

  it('enrolls an operator through a one-time link, for the console origin with user verification, and opens a session', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const { secret } = await issueOperatorEnrollment(s.core, ctx(), tenant, { ttlSeconds: 3600 });
    assert.match(secret, /^sigil_oe_[\w-]{43}$/);
    assert.deepEqual((await request('POST', '/console/api/enroll/options', { body: { link: 'sigil_oe_wrong', username: 'ops' } })).body, { error: { code: 'unauthorized', message: 'Authentication is required.' } });

    const authenticator = new SoftwareAuthenticator({ seed: 'operator-one' });
    const { options, result } = await enroll(secret, 'ops', authenticator);
    assert.deepEqual(options.rp, { name: 'Sigil', id: 'localhost' });
    assert.deepEqual(options.authenticatorSelection, { residentKey: 'required', requireResidentKey: true, userVerification: 'required' });
    assert.equal(result.status, 204, JSON.stringify(result.body));
    const token = tokenOf(result.setCookie);

    const session = await request('GET', '/console/api/session', { cookie: token });
    assert.equal(session.status, 200);
    const operator = session.body.operator as Json;
    assert.deepEqual({ ...session.body, csrfToken: 'x', operator: { ...operator, id: 'x' } }, {
      tenant: { id: tenant.id, slug: 'default', rpName: 'Sigil' },
      actor: `user:${operator.id}`,
      operator: { id: 'x', username: 'ops', displayName: 'ops' },
      apiKey: null,
      scopes: ['*'],
      knownScopes: API_KEY_SCOPES,
      platform: true,
      csrfToken: 'x',
      idleTimeoutSeconds: 600,
    });
    assert.deepEqual(await s.core.storage.operators.get(tenant.id, String(operator.id)), { tenantId: tenant.id, userId: operator.id, scopes: ['*'], createdAt: s.clock.now() });

    // The link was spent with the enrollment.
    const again = await request('POST', '/console/api/enroll/options', { body: { link: secret, username: 'ops-2' } });
    assert.equal(again.status, 401);
  });

  it('signs an operator in with the passkey (discoverable and by username); a user who is not an operator is refused, and audited', async () => {
    const tenant = s.core.tenants.defaultTenant();
    const { secret } = await issueOperatorEnrollment(s.core, ctx(), tenant, { ttlSeconds: 3600 });
    const authenticator = new SoftwareAuthenticator({ seed: 'operator-two' });
    const { result } = await enroll(secret, 'ops-two', authenticator);
    const userId = (await s.core.storage.users.getByUsername(tenant.id, 'ops-two'))?.id ?? '';
    const byName = await signIn(authenticator, 'ops-two');
    assert.equal(byName.status, 204, JSON.stringify(byName.body));
    assert.notEqual(tokenOf(byName.setCookie), tokenOf(result.setCookie));
    const discoverable = await signIn(authenticator, undefined, new TextEncoder().encode(userId));
    assert.equal(discoverable.status, 204, JSON.stringify(discoverable.body));

    // A passkey of the tenant's ordinary user, for the console origin, proves the user but not the role.
    await s.core.storage.operators.remove(tenant.id, userId);
    const refused = await signIn(authenticator, 'ops-two');
    assert.deepEqual([refused.status, refused.body, refused.setCookie], [403, { error: { code: 'forbidden', message: 'This credential may not perform this operation.' } }, undefined]);
    // The clock is frozen, so the test picks the event out of those of this millisecond.
    const refusals = (await s.core.storage.audit.list(tenant.id, { limit: 100 })).filter((e) => e.action === 'operator.signed-in' && e.outcome === 'failure');
    assert.deepEqual(refusals.map((e) => [e.actor, e.subject, e.detail]), [[`user:${userId}`, `user:${userId}`, { method: 'passkey', code: 'forbidden' }]]);
    // …and the session opened before the role was removed ends with it.
    assert.equal((await request('GET', '/console/api/session', { cookie: tokenOf(byName.setCookie) })).status, 401);
  });

  it('the management API accepts the session, with its scopes; state changes need the CSRF token', async () => {
    const signedIn = await request('POST', '/console/api/sign-in/api-key', { body: { apiKey: TEST_ADMIN_KEY } });
    assert.equal(signedIn.status, 204);
    const token = tokenOf(signedIn.setCookie);
    const session = await request('GET', '/console/api/session', { cookie: token });
    assert.deepEqual([session.body.operator, (session.body.apiKey as Json).name, session.body.scopes], [null, 'ADMIN_API_KEY', ['*']]);

    assert.equal((await request('GET', '/admin/v1/tenant', { cookie: token })).status, 200);
    const noCsrf = await request('POST', '/admin/v1/signing-keys/rotate', { cookie: token });
    assert.deepEqual([noCsrf.status, noCsrf.body], [403, { error: { code: 'forbidden', message: 'missing or wrong CSRF token' } }]);
    const wrongCsrf = await request('POST', '/admin/v1/signing-keys/rotate', { cookie: token, csrf: 'A'.repeat(43) });
    assert.equal(wrongCsrf.status, 403);
    const rotated = await request('POST', '/admin/v1/signing-keys/rotate', { cookie: token, csrf: String(session.body.csrfToken) });
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    const rotations = (await s.core.storage.audit.list(s.core.tenants.defaultTenant().id, { limit: 100 })).filter((e) => e.action === 'signing-key.rotated');
    assert.deepEqual(rotations.map((e) => e.actor), [`api-key:${(session.body.apiKey as Json).id}`]);

    // No cookie and no key: refused as before.
    assert.equal((await request('GET', '/admin/v1/tenant')).status, 401);
    assert.equal((await request('POST', '/console/api/sign-in/api-key', { body: { apiKey: 'sigil_sk_not-a-key-at-all' } })).status, 401);
  });

  it('a session ends after the idle timeout, is kept alive by use, and ends at sign-out', async () => {
    const token = tokenOf((await request('POST', '/console/api/sign-in/api-key', { body: { apiKey: TEST_ADMIN_KEY } })).setCookie);
    s.clock.advance(599_000);
    const kept = await request('GET', '/console/api/session', { cookie: token });
    assert.equal(kept.status, 200);
    s.clock.advance(599_000);
    assert.equal((await request('GET', '/console/api/session', { cookie: token })).status, 200, 'use restarted the idle timer');
    s.clock.advance(601_000);
    assert.equal((await request('GET', '/console/api/session', { cookie: token })).status, 401);

    const other = tokenOf((await request('POST', '/console/api/sign-in/api-key', { body: { apiKey: TEST_ADMIN_KEY } })).setCookie);
    const csrf = String((await request('GET', '/console/api/session', { cookie: other })).body.csrfToken);
    assert.equal((await request('POST', '/console/api/sign-out', { cookie: other })).status, 403, 'sign-out is a state change: CSRF token required');
    const out = await request('POST', '/console/api/sign-out', { cookie: other, csrf });
    assert.deepEqual([out.status, out.setCookie], [204, 'sigil_console=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict']);
    assert.equal((await request('GET', '/console/api/session', { cookie: other })).status, 401);
  });

  it('serves the page, its modules and @simplewebauthn/browser from the package, with a strict CSP; nothing else', async () => {
    const page = await appGet('/console');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<script type="module" src="\/console\/assets\/app.js"><\/script>/);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(String(page.headers['content-security-policy']), /^default-src 'none'; script-src 'self'; /);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    const script = await appGet('/console/assets/app.js');
    assert.deepEqual([script.statusCode, script.headers['content-type']], [200, 'text/javascript; charset=utf-8']);
    const webauthn = await appGet('/console/vendor/simplewebauthn/methods/startAuthentication.js');
    assert.equal(webauthn.statusCode, 200);
    assert.match(webauthn.body, /export async function startAuthentication/);
    for (const url of ['/console/assets/../../../package.json', '/console/assets/%2e%2e/console-plugin.ts', '/console/vendor/simplewebauthn/../../package.json', '/console/assets/nope.js']) {
      assert.equal((await appGet(url)).statusCode, 404, url);
    }
  });

  const appGet = (url: string) => app.inject({ method: 'GET', url });
});
