import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../core/api-keys/create-api-key.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { TEST_ADMIN_KEY } from '../../testing/test-services.ts';
import { APP_ID, DEVICE_INFO, MGMT, startLoginIdHarness, type LoginIdHarness } from './loginid-harness.ts';

const BLOCKED = '0123abcd-0000-4000-8000-00000000beef';
const aaguidBytes = (aaguid: string) => new Uint8Array(Buffer.from(aaguid.replace(/-/g, ''), 'hex'));
const silent = { info() {}, warn() {}, error() {} };

describe('LoginID management API', () => {
  let h: LoginIdHarness;
  before(async () => {
    h = await startLoginIdHarness();
  });
  after(() => h.close());

  it('takes the API key raw, as Bearer and as Basic base64("<key>:"); refuses others with 401 and a key without the scope with 403', async () => {
    await h.register('grantee', new SoftwareAuthenticator({ seed: 'grantee' }));
    const body = { grants: ['passkey:read', 'passkey:write'], username: 'grantee' };
    for (const authorization of [TEST_ADMIN_KEY, `Bearer ${TEST_ADMIN_KEY}`, `Basic ${Buffer.from(`${TEST_ADMIN_KEY}:`).toString('base64')}`]) {
      const res = await h.call('POST', '/fido2/v2/mgmt/grant', body, { authorization });
      assert.equal(res.status, 200, `${authorization.slice(0, 6)}: ${res.text}`);
      assert.deepEqual(Object.keys(res.body), ['token']);
    }
    assert.deepEqual(((r) => [r.status, r.body])(await h.call('POST', '/fido2/v2/mgmt/grant', body)), [401, { msg: 'Authentication is required.', msgCode: 'unauthorized' }]);
    assert.equal((await h.call('POST', '/fido2/v2/mgmt/grant', body, { authorization: 'Bearer not-a-real-key-0123456789' })).status, 401);
    const ctx = { requestId: null, ip: null, actor: 'system', logger: silent };
    const narrow = await createApiKey(h.s.core, ctx, h.s.core.tenants.defaultTenant(), { name: 'reader', scopes: ['users:read'] });
    const refused = await h.call('POST', '/fido2/v2/mgmt/grant', body, { authorization: narrow.secret });
    assert.deepEqual([refused.status, refused.body.msgCode], [403, 'forbidden']);
  });

  it('grant for a username without an account opens it, so the SDK can register its first passkey with that token', async () => {
    const granted = await h.call('POST', '/fido2/v2/mgmt/grant', { grants: ['reg:write'], username: 'newcomer@example.com' }, MGMT);
    assert.equal(granted.status, 200, granted.text);
    const reg = await h.register('newcomer@example.com', new SoftwareAuthenticator({ seed: 'newcomer' }), { token: granted.body.token as string });
    assert.equal(reg.status, 200, reg.text);
    const stranger = await h.register('newcomer@example.com', new SoftwareAuthenticator({ seed: 'stranger' }));
    assert.equal(stranger.status, 403, 'without the token the account is not open to anyone');
  });

  it('grant: 400 without username or with an unknown grant; token/verify: 204 valid, 401 forged, expired, revoked', async () => {
    assert.equal((await h.call('POST', '/fido2/v2/mgmt/grant', { grants: ['passkey:read'] }, MGMT)).status, 400);
    assert.equal((await h.call('POST', '/fido2/v2/mgmt/grant', { grants: ['admin'], username: 'grantee' }, MGMT)).status, 400);
    const { body } = await h.call('POST', '/fido2/v2/mgmt/grant', { grants: ['passkey:read'], username: 'grantee' }, MGMT);
    const token = body.token as string;
    const ok = await h.call('POST', '/fido2/v2/mgmt/token/verify', { jwtAccess: token }, MGMT);
    assert.deepEqual([ok.status, ok.text], [204, '']);
    const forged = await h.call('POST', '/fido2/v2/mgmt/token/verify', { jwtAccess: `${token.slice(0, -4)}AAAA` }, MGMT);
    assert.deepEqual([forged.status, forged.body], [401, { msg: 'The access token is invalid.', msgCode: 'unauthorized' }]);
    h.s.clock.advance(900_000);
    assert.equal((await h.call('POST', '/fido2/v2/mgmt/token/verify', { jwtAccess: token }, MGMT)).status, 401);
    h.s.clock.advance(-900_000);
    await h.app.inject({ method: 'POST', url: '/admin/v1/tokens/revoke', payload: { token }, headers: MGMT });
    const revoked = await h.call('POST', '/fido2/v2/mgmt/token/verify', { jwtAccess: token }, MGMT);
    assert.deepEqual([revoked.status, revoked.body.msg], [401, 'The access token has been revoked.']);
    assert.equal((await h.call('POST', '/fido2/v2/mgmt/token/verify', { jwtAccess: token })).status, 401, 'needs the key');
  });

  it('finds a user with devices and passkeys, manages devices and passkeys, and deletes them and the user', async () => {
    const reg = await h.register('managed@example.com', new SoftwareAuthenticator({ seed: 'managed' }), { passkeyName: 'Work key' });
    const [userId, deviceId, passkeyId] = [reg.body.userId as string, reg.body.deviceId as string, reg.body.passkeyId as string];
    const found = await h.call('GET', '/fido2/v2/mgmt/users?username=managed@example.com', undefined, MGMT);
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(found.body.user, { id: userId, username: 'managed@example.com', displayName: 'managed@example.com' });
    const at = new Date(h.s.clock.now()).toISOString().replace('.000Z', 'Z');
    assert.deepEqual(found.body.devices, [{ ...DEVICE_INFO, deviceId, lastUsedAt: at }]);
    assert.deepEqual((found.body.passkeys as { id: string; name: string }[]).map((p) => [p.id, p.name]), [[passkeyId, 'Work key']]);
    assert.equal((await h.call('GET', '/fido2/v2/mgmt/users?username=ghost', undefined, MGMT)).status, 404);
    assert.equal((await h.call('GET', '/fido2/v2/mgmt/users', undefined, MGMT)).status, 400);

    const device = await h.call('GET', `/fido2/v2/mgmt/devices/${deviceId}`, undefined, MGMT);
    assert.deepEqual([device.status, device.body], [200, { deviceInfo: { ...DEVICE_INFO, deviceId, lastUsedAt: at }, users: [found.body.user] }]);
    const passkey = await h.call('GET', `/fido2/v2/mgmt/passkeys/${passkeyId}`, undefined, MGMT);
    assert.deepEqual([passkey.status, (passkey.body.passkeyInfo as { id: string }).id, passkey.body.user], [200, passkeyId, found.body.user]);
    assert.equal((await h.call('PUT', `/fido2/v2/mgmt/passkeys/${passkeyId}`, { passkeyName: 'My favorite iCloud passkey' }, MGMT)).status, 204);
    assert.equal(((await h.call('GET', `/fido2/v2/mgmt/passkeys/${passkeyId}`, undefined, MGMT)).body.passkeyInfo as { name: string }).name, 'My favorite iCloud passkey');
    assert.equal((await h.call('DELETE', `/fido2/v2/mgmt/devices/${deviceId}`, undefined, MGMT)).status, 204);
    assert.deepEqual(((r) => [r.status, r.body.msgCode])(await h.call('GET', `/fido2/v2/mgmt/devices/${deviceId}`, undefined, MGMT)), [404, 'not_found']);
    assert.equal((await h.call('DELETE', `/fido2/v2/mgmt/passkeys/${passkeyId}`, undefined, MGMT)).status, 204);
    assert.equal((await h.call('GET', `/fido2/v2/mgmt/passkeys/${passkeyId}`, undefined, MGMT)).status, 404);

    await h.register('managed@example.com', new SoftwareAuthenticator({ seed: 'managed-2' }), { token: reg.body.jwtAccess as string });
    assert.equal((await h.call('DELETE', `/fido2/v2/mgmt/users/${userId}/passkeys`, undefined, MGMT)).status, 204);
    assert.equal((await h.call('DELETE', `/fido2/v2/mgmt/users/${userId}/devices`, undefined, MGMT)).status, 204);
    const after = await h.call('GET', '/fido2/v2/mgmt/users?username=managed@example.com', undefined, MGMT);
    assert.deepEqual([after.body.devices, after.body.passkeys], [[], []]);
    assert.equal((await h.call('DELETE', `/fido2/v2/mgmt/users/${userId}`, undefined, MGMT)).status, 204);
    assert.equal((await h.call('DELETE', `/fido2/v2/mgmt/users/${userId}`, undefined, MGMT)).status, 404);
    assert.equal((await h.call('DELETE', `/fido2/v2/mgmt/users/${userId}/devices`, undefined, MGMT)).status, 404);
  });

  it('keeps an AAGUID blacklist (PUT, GET, DELETE some, DELETE all) enforced at registration and at authentication', async () => {
    const sample = { items: [{ aaguid: BLOCKED, auth: false, reg: true }, { aaguid: 'eb385800-d35e-4108-9b49-48010731cd37', auth: true, reg: true }] };
    assert.equal((await h.call('PUT', '/fido2/v2/mgmt/aaguid/blacklist', sample, MGMT)).status, 204);
    const listed = await h.call('GET', '/fido2/v2/mgmt/aaguid/blacklist', undefined, MGMT);
    assert.deepEqual(JSON.parse(listed.text), [{ aaguid: BLOCKED, auth: false, reg: true }, { aaguid: 'eb385800-d35e-4108-9b49-48010731cd37', auth: true, reg: true }]);
    assert.equal((await h.call('PUT', '/fido2/v2/mgmt/aaguid/blacklist', { items: [{ aaguid: 'nope', auth: true, reg: true }] }, MGMT)).status, 400);

    const blocked = new SoftwareAuthenticator({ seed: 'blocked', aaguid: aaguidBytes(BLOCKED) });
    const refused = await h.register('blocked-user', blocked);
    assert.deepEqual([refused.status, refused.body], [403, { msg: 'This authenticator is not allowed.', msgCode: 'forbidden' }]);
    assert.equal(await h.s.core.storage.users.getByUsername(h.s.core.tenants.defaultTenant().id, 'blocked-user'), null, 'nothing stored');

    // Allowed to register, then blocked for logins.
    assert.equal((await h.call('PUT', '/fido2/v2/mgmt/aaguid/blacklist', { items: [{ aaguid: BLOCKED, auth: true, reg: false }] }, MGMT)).status, 204);
    assert.equal((await h.register('blocked-user', blocked)).status, 200);
    const login = await h.login('blocked-user', blocked);
    assert.deepEqual([login.status, login.body.msgCode], [403, 'forbidden']);
    assert.equal((await h.call('DELETE', '/fido2/v2/mgmt/aaguid/blacklist', { aaguids: [BLOCKED] }, MGMT)).status, 204);
    assert.equal((await h.login('blocked-user', blocked)).status, 200);
    assert.equal((await h.call('DELETE', '/fido2/v2/mgmt/aaguid/blacklist/all', undefined, MGMT)).status, 204);
    assert.equal((await h.call('GET', '/fido2/v2/mgmt/aaguid/blacklist', undefined, MGMT)).text, '[]');
  });

  it('discovers whether a user has passkeys, with options for the next step', async () => {
    await h.register('disc@example.com', new SoftwareAuthenticator({ seed: 'disc' }));
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36';
    const found = await h.call('POST', '/fido2/v2/mgmt/discover', { deviceInfo: DEVICE_INFO, user: { username: 'disc@example.com', usernameType: 'email' }, userAgent: ua }, MGMT);
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(Object.keys(found.body).sort(), ['authRequestOptions', 'lastLoginDeviceId', 'lastLoginTs', 'matchResult', 'session', 'userId']);
    assert.equal(found.body.matchResult, 'PasskeyFound');
    const missing = await h.call('POST', '/fido2/v2/mgmt/discover', { user: { username: 'fresh@example.com', usernameType: 'email' }, userAgent: ua }, MGMT);
    assert.deepEqual([missing.status, missing.body.matchResult, Object.keys(missing.body).sort()], [200, 'UserNotFound', ['matchResult', 'regRequestOptions', 'session']]);
    assert.equal((await h.call('POST', '/fido2/v2/mgmt/discover', { user: { username: 'x', usernameType: 'email' }, userAgent: ua })).status, 401);
  });

  it('serves the JWKS and the version, and answers unknown app ids and bodies in the {msg, msgCode} envelope', async () => {
    const jwks = await h.call('GET', '/fido2/v2/.well-known/jwks.json');
    const root = await h.call('GET', '/.well-known/jwks.json');
    assert.deepEqual([jwks.status, jwks.body], [200, root.body]);
    assert.deepEqual((await h.call('GET', '/fido2/v2/version')).body, { version: '2.0.0', hash: 'sigil' });
    const notJson = await h.app.inject({ method: 'POST', url: '/fido2/v2/auth/init', payload: '{', headers: { 'content-type': 'application/json' } });
    assert.deepEqual([notJson.statusCode, notJson.json()], [400, { msg: 'The request is malformed or incomplete.', msgCode: 'bad_request' }]);
    const noDevice = await h.call('POST', '/fido2/v2/auth/init', { app: { id: APP_ID } });
    assert.equal(noDevice.status, 400);
  });
});
