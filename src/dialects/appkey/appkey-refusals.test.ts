import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../http/app.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { APP_TOKEN, GOOGLE_CLIENT, startAppKeyHarness, type AppKeyHarness } from './appkey-harness.ts';

describe('AppKey: suspended accounts, internal failures, audit', () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness();
  });
  after(async () => {
    await h.close();
  });

  it('a suspended (disabled) account is 404 at login, with its token, and at social login', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'suspended' });
    const user = await h.seedUser('suspended@example.com', authenticator);
    const login = await h.login('suspended@example.com', authenticator);
    const headers = { 'app-token': '', 'access-token': login.body['access-token'] as string };
    const tenant = h.s.core.tenants.defaultTenant();
    await h.s.core.storage.users.update(tenant.id, user.id, { status: 'disabled', updatedAt: h.s.clock.now() });
    const again = await h.login('suspended@example.com', authenticator);
    assert.deepEqual([again.status, again.body], [400, { code: 600, message: 'invalid login credentials' }], 'login options do not tell: stand-ins');
    const me = await h.call('GET', 'user', { headers });
    assert.deepEqual([me.status, me.body], [400, { code: 404, message: 'user account is suspended' }]);

    const token = await h.google.sign({ iss: 'https://accounts.google.com', aud: GOOGLE_CLIENT, sub: 'suspended-social' }, { now: h.s.clock.now() });
    const signup = await h.call('POST', 'socialSignup', { body: { token, provider: 'google', handle: 'social-suspended@example.com', displayName: 'S' } });
    assert.equal(signup.status, 200, signup.text);
    await h.s.core.storage.users.update(tenant.id, signup.body.appUserId as string, { status: 'disabled', updatedAt: h.s.clock.now() });
    const social = await h.call('POST', 'socialLogin', { body: { token, provider: 'google' } });
    assert.deepEqual([social.status, social.body], [400, { code: 404, message: 'user account is suspended' }]);
    const events = await h.s.core.storage.audit.list(tenant.id, { limit: 20 });
    const refused = events.find((e) => e.action === 'external-identity.authenticated' && e.outcome === 'failure');
    assert.deepEqual(refused?.detail, { issuer: 'https://accounts.google.com', code: 'user_disabled' });
  });

  it('answers an internal failure with an opaque 500 in the AppKey envelope', async () => {
    const broken = await buildApp({ ...h.s, appKeyring: { current: () => Promise.reject(new Error('secret internal detail')), rotate: () => Promise.reject(new Error('no')) } });
    try {
      const res = await broken.inject({ method: 'GET', url: '/api/appuser/app', headers: { 'app-token': APP_TOKEN } });
      assert.deepEqual([res.statusCode, res.json()], [500, { code: 500, message: 'internal server error' }]);
      assert.equal(res.body.includes('secret'), false);
    } finally {
      await broken.close();
    }
  });

  it("takes GETs with either SDK's Content-Type and no body, and the Swift SDK's body-less form POSTs", async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'content-types' });
    await h.seedUser('content-types@example.com', authenticator);
    const token = (await h.login('content-types@example.com', authenticator)).body['access-token'] as string;
    for (const type of ['application/x-www-form-urlencoded', 'application/json']) {
      const res = await h.app.inject({ method: 'GET', url: '/api/appuser/user', headers: { 'access-token': token, 'content-type': type, accept: 'application/json' } });
      assert.equal(res.statusCode, 200, res.body);
    }
    const form = await h.app.inject({ method: 'POST', url: '/api/appuser/addPasskey', headers: { 'access-token': token, 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.statusCode, 200, form.body);
  });

  it('answers a body that is not JSON, or a JSON array, with 602', async () => {
    const notJson = await h.app.inject({ method: 'POST', url: '/api/appuser/login', headers: { 'app-token': APP_TOKEN, 'content-type': 'application/json' }, payload: '{' });
    assert.deepEqual([notJson.statusCode, notJson.json()], [400, { code: 602, message: 'invalid data' }]);
    const array = await h.app.inject({ method: 'POST', url: '/api/appuser/login', headers: { 'app-token': APP_TOKEN, 'content-type': 'application/json' }, payload: '[]' });
    assert.deepEqual([array.statusCode, array.json()], [400, { code: 602, message: 'invalid data' }]);
  });
});

describe('AppKey rate limits', () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness({ RATE_LIMIT_PER_IP: '3' });
  });
  after(async () => {
    await h.close();
  });

  it('counts each endpoint on its own, whatever its casing; made-up names share one group', async () => {
    const statuses = async (method: 'GET' | 'POST', names: string[]) => {
      const seen: number[] = [];
      for (const name of names) seen.push((await h.call(method, name, { body: { handle: 'rate@example.com' } })).status);
      return seen;
    };
    assert.deepEqual(await statuses('POST', ['login', 'LOGIN', 'Login', 'login']), [200, 200, 200, 429]);
    assert.deepEqual(await statuses('GET', ['app', 'app', 'app', 'app']), [200, 200, 200, 429], 'login used up only its own allowance');
    assert.deepEqual(await statuses('POST', ['nope1', 'nope2', 'nope3', 'nope4']), [404, 404, 404, 429]);
    const refused = await h.call('POST', 'login', { body: { handle: 'rate@example.com' } });
    assert.deepEqual(refused.body, { code: 500, message: 'internal server error' });
  });
});
