import assert from 'node:assert/strict';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { after, before, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { APP_ID, authenticatorOwner, DEVICE_INFO, ephemeralBackends, startLoginIdHarness, type LoginIdHarness } from './loginid-harness.ts';

const SESSION_SCOPE = 'passkey:read passkey:write reg:write auth:write';

for (const backend of ephemeralBackends()) {
  describe(`LoginID registration and authentication (${backend.name})`, { skip: backend.env === null ? 'TEST_REDIS_URL not set' : false }, () => {
    let h: LoginIdHarness;
    before(async () => {
      h = await startLoginIdHarness(backend.env ?? {});
    });
    after(async () => {
      await h?.close();
      await backend.cleanup();
    });

    it('reg/init answers {action, registrationRequestOptions, session} for a new username', async () => {
      const res = await h.call('POST', '/fido2/v2/reg/init', { app: { id: APP_ID }, deviceInfo: DEVICE_INFO, user: { username: 'shape@example.com', usernameType: 'email', displayName: 'Shape' } });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(Object.keys(res.body).sort(), ['action', 'registrationRequestOptions', 'session']);
      assert.equal(res.body.action, 'proceed');
      const o = res.body.registrationRequestOptions as Record<string, unknown>;
      assert.deepEqual(o.rp, { name: 'Example', id: 'example.com' });
      assert.deepEqual({ ...(o.user as object), id: 'x' }, { id: 'x', name: 'shape@example.com', displayName: 'Shape' });
      assert.equal(Buffer.from(o.challenge as string, 'base64url').length, 32);
      assert.match(String(res.body.session), /^[\w-]{24}$/);
    });

    it('registers (reg/complete → {jwtAccess, userId, deviceId, passkeyId}) and logs in username-first and usernameless', async () => {
      const authenticator = new SoftwareAuthenticator({ seed: 'alice' });
      const reg = await h.register('alice@example.com', authenticator, { passkeyName: 'My laptop' });
      assert.equal(reg.status, 200, reg.text);
      assert.deepEqual(Object.keys(reg.body).sort(), ['deviceId', 'jwtAccess', 'passkeyId', 'userId']);
      const claims = decodeJwt(reg.body.jwtAccess as string);
      assert.deepEqual([claims.sub, claims.username, claims.scope], [reg.body.userId, 'alice@example.com', SESSION_SCOPE]);
      authenticatorOwner.set(authenticator, reg.body.userId as string);
      const device = await h.s.core.storage.clientDevices.get(h.s.core.tenants.defaultTenant().id, reg.body.deviceId as string);
      assert.deepEqual(device?.info, DEVICE_INFO);
      const passkey = await h.s.core.storage.credentials.getById(h.s.core.tenants.defaultTenant().id, reg.body.passkeyId as string);
      assert.equal(passkey?.name, 'My laptop');

      const init = await h.call('POST', '/fido2/v2/auth/init', { app: { id: APP_ID }, deviceInfo: DEVICE_INFO, user: { username: 'alice@example.com', usernameType: 'email' } });
      assert.equal(init.status, 200);
      assert.deepEqual([init.body.action, init.body.crossAuthMethods, init.body.fallbackMethods], ['proceed', [], []]);
      assert.deepEqual((init.body.assertionOptions as { allowCredentials: unknown }).allowCredentials, [{ type: 'public-key', id: Buffer.from(authenticator.credentialId).toString('base64url'), transports: ['internal'] }]);

      const login = await h.login('alice@example.com', authenticator);
      assert.equal(login.status, 200, login.text);
      assert.deepEqual([login.body.userId, login.body.passkeyId], [reg.body.userId, reg.body.passkeyId]);
      const jwks = createLocalJWKSet((await h.call('GET', '/fido2/v2/.well-known/jwks.json')).body as never);
      const { payload } = await jwtVerify(login.body.jwtAccess as string, jwks, { currentDate: new Date(h.s.clock.now()) });
      assert.deepEqual([payload.sub, payload.username, payload.scope], [reg.body.userId, 'alice@example.com', SESSION_SCOPE]);

      const usernameless = await h.login('', authenticator);
      assert.equal(usernameless.status, 200, usernameless.text);
      assert.equal(usernameless.body.userId, reg.body.userId);
    });

    it('reuses the device a client names only when it is the same user’s, and audits new devices', async () => {
      const [a, b] = [new SoftwareAuthenticator({ seed: 'dev-a' }), new SoftwareAuthenticator({ seed: 'dev-b' })];
      const regA = await h.register('dev-a', a);
      const regB = await h.register('dev-b', b);
      const again = await h.login('dev-a', a, { ...DEVICE_INFO, deviceId: regA.body.deviceId as string, osName: 'Linux' });
      assert.equal(again.body.deviceId, regA.body.deviceId);
      const tenantId = h.s.core.tenants.defaultTenant().id;
      assert.deepEqual((await h.s.core.storage.clientDevices.get(tenantId, regA.body.deviceId as string))?.info, { ...DEVICE_INFO, osName: 'Linux' });
      const hijack = await h.login('dev-b', b, { deviceId: regA.body.deviceId as string });
      assert.notEqual(hijack.body.deviceId, regA.body.deviceId, "another user's device id gets a fresh device");
      assert.notEqual(hijack.body.deviceId, regB.body.deviceId);
      assert.equal((await h.s.core.storage.clientDevices.get(tenantId, regA.body.deviceId as string))?.userId, regA.body.userId);
      const recorded = (await h.s.core.storage.audit.list(tenantId, { limit: 200 })).filter((e) => e.action === 'device.recorded' && e.subject === `user:${regA.body.userId as string}`);
      assert.equal(recorded.length, 1, 'a reused device is not recorded again');
    });

    it('accepts standard base64 with padding as well as the SDK’s base64url', async () => {
      const authenticator = new SoftwareAuthenticator({ seed: 'b64' });
      const init = await h.call('POST', '/fido2/v2/reg/init', { app: { id: APP_ID }, deviceInfo: {}, user: { username: 'b64', usernameType: 'other' } });
      const credential = authenticator.register({ challenge: (init.body.registrationRequestOptions as { challenge: string }).challenge, rpId: 'example.com', origin: 'https://app.example.com' });
      const std = (u: string) => Buffer.from(u, 'base64url').toString('base64');
      const res = await h.call('POST', '/fido2/v2/reg/complete', {
        creationResult: { attestationObject: std(credential.response.attestationObject), clientDataJSON: std(credential.response.clientDataJSON), credentialId: std(credential.id) },
        session: init.body.session,
      });
      assert.equal(res.status, 200, res.text);
    });

    it('answers crossAuth with stand-in options, alike for an unknown user and one without passkeys', async () => {
      await h.s.core.storage.users.create({ ...baseUser(h), id: '11111111-1111-4111-8111-111111111111', username: 'nopasskey' });
      for (const username of ['nopasskey', 'nobody-at-all']) {
        const res = await h.call('POST', '/fido2/v2/auth/init', { app: { id: APP_ID }, deviceInfo: DEVICE_INFO, user: { username, usernameType: 'other' } });
        assert.equal(res.status, 200);
        assert.deepEqual([res.body.action, res.body.crossAuthMethods, res.body.fallbackMethods], ['crossAuth', ['otp'], []]);
        assert.equal((res.body.assertionOptions as { allowCredentials: unknown[] }).allowCredentials.length, 1);
      }
    });

    it('needs the user’s own token with reg:write to add a passkey to an existing user', async () => {
      const first = new SoftwareAuthenticator({ seed: 'owner-1' });
      const reg = await h.register('owner', first);
      const refused = await h.register('owner', new SoftwareAuthenticator({ seed: 'owner-2' }));
      assert.deepEqual([refused.status, refused.body], [403, { msg: 'Adding a credential to this account needs its access token or a registration grant.', msgCode: 'forbidden' }]);
      const bare = await h.register('owner', new SoftwareAuthenticator({ seed: 'owner-2' }), { token: reg.body.jwtAccess as string });
      assert.equal(bare.status, 200, bare.text);
      const bearer = await h.register('owner', new SoftwareAuthenticator({ seed: 'owner-3' }), { token: `Bearer ${reg.body.jwtAccess as string}` });
      assert.equal(bearer.status, 200, bearer.text);
      assert.equal(bearer.body.userId, reg.body.userId);
    });

    it('refuses a wrong or missing app id, a spent session and a forged assertion', async () => {
      const wrongApp = await h.call('POST', '/fido2/v2/auth/init', { app: { id: '00000000-0000-4000-8000-000000000000' }, deviceInfo: {} });
      assert.deepEqual([wrongApp.status, wrongApp.body.msgCode], [403, 'forbidden']);
      const noApp = await h.call('POST', '/fido2/v2/reg/init', { deviceInfo: {}, user: { username: 'x', usernameType: 'other' } });
      assert.deepEqual([noApp.status, noApp.body], [400, { msg: 'The request is malformed or incomplete.', msgCode: 'bad_request' }]);

      const authenticator = new SoftwareAuthenticator({ seed: 'replay' });
      await h.register('replay', authenticator);
      const init = await h.call('POST', '/fido2/v2/auth/init', { app: { id: APP_ID }, deviceInfo: {}, user: { username: 'replay' } });
      const assertion = authenticator.authenticate({ challenge: (init.body.assertionOptions as { challenge: string }).challenge, rpId: 'example.com', origin: 'https://app.example.com' });
      const body = { assertionResult: { ...assertion.response, credentialId: assertion.id }, session: init.body.session };
      assert.equal((await h.call('POST', '/fido2/v2/auth/complete', body)).status, 200);
      const again = await h.call('POST', '/fido2/v2/auth/complete', body);
      assert.deepEqual([again.status, again.body], [400, { msg: 'The challenge is unknown or has already been used.', msgCode: 'bad_request' }]);

      const init2 = await h.call('POST', '/fido2/v2/auth/init', { app: { id: APP_ID }, deviceInfo: {}, user: { username: 'replay' } });
      const forged = authenticator.authenticate({ challenge: (init2.body.assertionOptions as { challenge: string }).challenge, rpId: 'example.com', origin: 'https://app.example.com', tamper: { corruptSignature: true } });
      const bad = await h.call('POST', '/fido2/v2/auth/complete', { assertionResult: { ...forged.response, credentialId: forged.id }, session: init2.body.session });
      assert.deepEqual([bad.status, bad.body], [400, { msg: 'The signature is invalid.', msgCode: 'bad_request' }]);
      const shortSession = await h.call('POST', '/fido2/v2/auth/complete', { assertionResult: { ...forged.response, credentialId: forged.id }, session: 'short' });
      assert.equal(shortSession.status, 400);
    });

    it('serves another tenant under /t/<slug>/fido2/v2 only when that tenant enables loginid (with its app id)', async () => {
      const now = h.s.clock.now();
      const base = h.s.core.tenants.defaultTenant();
      const off = { ...base, id: 'tenant-off', slug: 'off', dialects: { native: {} }, createdAt: now, updatedAt: now };
      const shop = { ...base, id: 'tenant-shop', slug: 'shop', dialects: { loginid: { appId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' } }, createdAt: now, updatedAt: now };
      for (const t of [off, shop]) {
        await h.s.core.storage.tenants.create(t);
        h.s.core.tenants.put(t);
      }
      const refused = await h.call('GET', '/t/off/fido2/v2/version');
      assert.deepEqual([refused.status, refused.body], [404, { msg: 'Not found.', msgCode: 'not_found' }]);
      // The gate answers before authentication or the body is looked at.
      const refusedPost = await h.call('POST', '/t/off/fido2/v2/mgmt/grant', 'not json', { authorization: 'Bearer nonsense', 'content-type': 'application/json' });
      assert.deepEqual([refusedPost.status, refusedPost.body], [404, { msg: 'Not found.', msgCode: 'not_found' }]);
      const shopNative = await h.call('POST', '/t/shop/assertion/options', {});
      assert.equal(shopNative.status, 404, 'the shop serves loginid only');
      const version = await h.call('GET', '/t/shop/fido2/v2/version');
      assert.deepEqual([version.status, version.body], [200, { version: '2.0.0', hash: 'sigil' }]);
      const wrongApp = await h.call('POST', '/t/shop/fido2/v2/auth/init', { app: { id: APP_ID }, deviceInfo: {} });
      assert.equal(wrongApp.status, 403, 'the default tenant’s app id is not the shop’s');
      const ok = await h.call('POST', '/t/shop/fido2/v2/auth/init', { app: { id: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE' }, deviceInfo: {} });
      assert.equal(ok.status, 200);
    });
  });
}

function baseUser(h: LoginIdHarness) {
  const now = h.s.clock.now();
  return { tenantId: h.s.core.tenants.defaultTenant().id, displayName: 'x', email: null, emailVerified: false, phone: null, phoneVerified: false, status: 'active' as const, createdAt: now, updatedAt: now };
}
