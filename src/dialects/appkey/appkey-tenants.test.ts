import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { appKeySettings } from './settings.ts';
import { APP_TOKEN, startAppKeyHarness, type AppKeyHarness } from './appkey-harness.ts';

describe('AppKey per tenant', () => {
  let h: AppKeyHarness;
  const SHOP_TOKEN = 'shop-app-token-0123456789abcdef';
  before(async () => {
    h = await startAppKeyHarness();
    const now = h.s.clock.now();
    const base = h.s.core.tenants.defaultTenant();
    const appkey = appKeySettings.read({ appTokenHash: createHash('sha256').update(SHOP_TOKEN).digest('hex'), signup: 'open', userNames: true, handleType: 'phone', jwtTtlHours: 2 });
    const dialectsOf = { shop: { native: {}, appkey }, plain: { native: {} }, tokenless: { native: {}, appkey: appKeySettings.read({}) } };
    for (const slug of ['shop', 'plain', 'tokenless'] as const) {
      const tenant = { ...base, id: `tenant-${slug}`, slug, rpId: `${slug}.test`, origins: [`https://${slug}.test`], dialects: dialectsOf[slug], createdAt: now, updatedAt: now };
      await h.s.core.storage.tenants.create(tenant);
      h.s.core.tenants.put(tenant);
    }
  });
  after(async () => {
    await h.close();
  });

  it("serves a tenant's own app under /t/<slug>, with its own token, settings and app key", async () => {
    const app = await h.call('GET', 'app', { prefix: '/t/shop', headers: { 'app-token': SHOP_TOKEN } });
    assert.equal(app.status, 200, app.text);
    assert.deepEqual([app.body.appId, app.body.handleType, app.body.userNamesEnabled, app.body.userJWTExpiration, app.body.relyPartyId], ['tenant-shop', 'phone', true, 2, 'shop.test']);
    const defaultApp = await h.call('GET', 'app');
    assert.notEqual(app.body.appPublicKey, defaultApp.body.appPublicKey);
    const crossed = await h.call('GET', 'app', { prefix: '/t/shop', headers: { 'app-token': APP_TOKEN } });
    assert.deepEqual([crossed.status, crossed.body], [400, { code: 400, message: 'invalid app token' }]);
    const email = await h.call('POST', 'signup', { prefix: '/t/shop', headers: { 'app-token': SHOP_TOKEN }, body: { handle: 'a@example.com', displayName: 'A' } });
    assert.deepEqual([email.status, email.body], [400, { code: 617, message: 'invalid handle format' }], 'phone handles only');
  });

  it("does not accept one tenant's access token in another", async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'tenant-user' });
    await h.seedUser('tenant-user@example.com', authenticator);
    const login = await h.login('tenant-user@example.com', authenticator);
    const res = await h.call('GET', 'user', { prefix: '/t/shop', headers: { 'app-token': '', 'access-token': login.body['access-token'] as string } });
    assert.deepEqual([res.status, res.body], [400, { code: 405, message: 'invalid access token' }]);
  });

  it('answers 404 where the tenant does not serve appkey (the shared gate), 400 where its app has no token, 401 for an unknown tenant', async () => {
    for (const [method, action] of [['GET', 'app'], ['POST', 'login'], ['POST', 'signup'], ['GET', 'user'], ['POST', 'noSuchEndpoint']] as const) {
      const off = await h.call(method, action, { prefix: '/t/plain', body: { handle: 'x@example.com' } });
      assert.deepEqual([off.status, off.body], [404, { code: 602, message: 'invalid data' }], action);
      const tokenless = await h.call(method, action, { prefix: '/t/tokenless', body: { handle: 'x@example.com' } });
      const expected = action === 'noSuchEndpoint' ? [404, { code: 602, message: 'invalid data' }] : [400, { code: 400, message: 'invalid app token' }];
      assert.deepEqual([tokenless.status, tokenless.body], expected, action);
    }
    const unknown = await h.call('GET', 'app', { prefix: '/t/nope' });
    assert.deepEqual([unknown.status, unknown.body], [400, { code: 401, message: 'app no longer exists' }]);
  });

  it('lets browsers on an allowed origin send the AppKey headers (CORS preflight)', async () => {
    const res = await h.app.inject({
      method: 'OPTIONS',
      url: '/api/appuser/login',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'app-token,content-type' },
    });
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.match(String(res.headers['access-control-allow-headers']), /app-token.*access-token.*signup-token/);
  });
});

describe('AppKey without APPKEY_APP_TOKEN', () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness({ APPKEY_APP_TOKEN: '' });
  });
  after(async () => {
    await h.close();
  });

  it('refuses every route with code 400', async () => {
    for (const [method, action] of [['GET', 'app'], ['POST', 'login'], ['POST', 'loginAnonymous'], ['POST', 'socialLogin']] as const) {
      const res = await h.call(method, action, { body: { handle: 'x@example.com' } });
      assert.deepEqual([res.status, res.body], [400, { code: 400, message: 'invalid app token' }], action);
    }
  });
});
