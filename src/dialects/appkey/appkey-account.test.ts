import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { ENCODINGS, ORIGIN, RP_ID, startAppKeyHarness, swiftCredential, type AppKeyHarness } from './appkey-harness.ts';
import { AK_APP_USER, AK_SIGNUP_CHALLENGE, assertSwiftDecodes } from './swift-decoders.ts';

describe('AppKey profile and passkey management', () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness({ APPKEY_USER_NAMES: 'true' });
  });
  after(async () => {
    await h.close();
  });

  async function loggedIn(handle: string, seed: string) {
    const authenticator = new SoftwareAuthenticator({ seed });
    await h.seedUser(handle, authenticator, 'Grace Hopper');
    const login = await h.login(handle, authenticator);
    assert.equal(login.status, 200, login.text);
    const token = login.body['access-token'] as string;
    return { authenticator, token, headers: { 'app-token': '', 'access-token': token }, user: login.body };
  }

  for (const encoding of ENCODINGS) {
    it(`setLocale, updateProfile, setUserName answer true (${encoding}) and show in GET user`, async () => {
      const me = await loggedIn(`profile-${encoding}@example.com`, `profile-${encoding}`);
      const locale = await h.call('POST', 'setLocale', { body: { locale: 'fr' }, encoding, headers: me.headers });
      assert.deepEqual([locale.status, locale.text], [200, 'true']);
      const names: Record<string, string> = encoding === 'json' ? { firstName: 'Amazing', lastName: 'Grace' } : { displayName: 'Amazing Grace' };
      const profile = await h.call('POST', 'updateProfile', { body: names, encoding, headers: me.headers });
      assert.deepEqual([profile.status, profile.text], [200, 'true']);
      const name = await h.call('POST', encoding === 'json' ? 'setUserName' : 'setUsername', { body: { userName: `grace-${encoding}` }, encoding, headers: me.headers });
      assert.deepEqual([name.status, name.text], [200, 'true']);
      const user = await h.call('GET', 'user', { headers: me.headers });
      assert.deepEqual([user.body.locale, user.body.displayName, user.body.userName], ['FR', 'Amazing Grace', `grace-${encoding}`]);
      const byName = await h.login(`grace-${encoding}`, me.authenticator, encoding);
      assert.deepEqual([byName.status, byName.body.appUserId], [200, me.user.appUserId], 'the user name logs in too');
    });
  }

  it('userNameAvailable, 605 for a taken name, 602 for a malformed one, 609 for a bad locale', async () => {
    const a = await loggedIn('names-a@example.com', 'names-a');
    const b = await loggedIn('names-b@example.com', 'names-b');
    assert.equal((await h.call('POST', 'setUserName', { body: { userName: 'Turing' }, headers: a.headers })).status, 200);
    const own = await h.call('GET', 'userNameAvailable?userName=turing', { headers: a.headers });
    assert.deepEqual([own.status, own.body], [200, { available: true }]);
    const theirs = await h.call('GET', 'userNameAvailable?userName=turing', { headers: b.headers });
    assert.deepEqual(theirs.body, { available: false });
    assert.deepEqual((await h.call('GET', 'userNameAvailable?userName=free-name', { headers: b.headers })).body, { available: true });
    const taken = await h.call('POST', 'setUserName', { body: { userName: 'turing' }, headers: b.headers });
    assert.deepEqual([taken.status, taken.body], [400, { code: 605, message: 'user name already in use' }]);
    const handleTaken = await h.call('POST', 'setUserName', { body: { userName: 'names-a@example.com' }, headers: b.headers });
    assert.deepEqual([handleTaken.status, handleTaken.body], [400, { code: 602, message: 'invalid data' }]);
    const malformed = await h.call('POST', 'setUserName', { body: { userName: 'no spaces' }, headers: b.headers });
    assert.deepEqual([malformed.status, malformed.body], [400, { code: 602, message: 'invalid data' }]);
    const locale = await h.call('POST', 'setLocale', { body: { locale: '!!' }, headers: b.headers });
    assert.deepEqual([locale.status, locale.body], [400, { code: 609, message: 'invalid locale' }]);
    const noToken = await h.call('POST', 'setLocale', { body: { locale: 'EN' } });
    assert.deepEqual([noToken.status, noToken.body], [400, { code: 405, message: 'invalid access token' }]);
  });

  for (const encoding of ENCODINGS) {
    it(`addPasskey (empty JSON body) → addPasskeyComplete, updatePasskey, removePasskey (${encoding}): user objects with the caller's token`, async () => {
      const me = await loggedIn(`keys-${encoding}@example.com`, `keys-${encoding}`);
      const empty = await h.app.inject({ method: 'POST', url: '/api/appuser/addPasskey', headers: { ...me.headers, 'content-type': 'application/json' } });
      assert.equal(empty.statusCode, 200, empty.body);
      const options = empty.json() as Record<string, unknown>;
      assertSwiftDecodes(AK_SIGNUP_CHALLENGE, options);
      assert.equal((options.excludeCredentials as unknown[]).length, 1);
      assert.equal((options.user as { handle: string }).handle, `keys-${encoding}@example.com`);
      const second = new SoftwareAuthenticator({ seed: `keys-${encoding}-2` });
      const created = second.register({ challenge: options.challenge as string, rpId: RP_ID, origin: ORIGIN });
      const added = await h.call('POST', 'addPasskeyComplete', { body: encoding === 'json' ? { ...created } : swiftCredential(created), encoding, headers: me.headers });
      assert.equal(added.status, 200, added.text);
      assertSwiftDecodes(AK_APP_USER, added.body);
      assert.equal(added.body['access-token'], me.token);
      const secondId = Buffer.from(second.credentialId).toString('base64url');
      assert.equal((added.body.authenticators as unknown[]).length, 2);
      const renamed = await h.call('POST', 'updatePasskey', { body: { keyId: secondId, keyName: 'My laptop' }, encoding, headers: me.headers });
      assert.equal(renamed.status, 200, renamed.text);
      assertSwiftDecodes(AK_APP_USER, renamed.body);
      assert.deepEqual((renamed.body.authenticators as { id: string; name: string }[]).find((a) => a.id === secondId)?.name, 'My laptop');
      const removed = await h.call('POST', 'removePasskey', { body: { keyId: Buffer.from(me.authenticator.credentialId).toString('base64url') }, encoding, headers: me.headers });
      assert.equal(removed.status, 200, removed.text);
      assertSwiftDecodes(AK_APP_USER, removed.body);
      assert.deepEqual((removed.body.authenticators as { id: string }[]).map((a) => a.id), [secondId]);
      assert.equal(removed.body['access-token'], me.token);
      const last = await h.call('POST', 'removePasskey', { body: { keyId: secondId }, encoding, headers: me.headers });
      assert.deepEqual([last.status, last.body], [400, { code: 602, message: 'invalid data' }], 'the last passkey stays');
    });
  }

  it("another user's key id, or an unknown one, is 614", async () => {
    const a = await loggedIn('own-a@example.com', 'own-a');
    const b = await loggedIn('own-b@example.com', 'own-b');
    const theirs = Buffer.from(b.authenticator.credentialId).toString('base64url');
    for (const [route, body] of [['updatePasskey', { keyId: theirs, keyName: 'mine now' }], ['removePasskey', { keyId: theirs }], ['removePasskey', { keyId: 'AAAA' }]] as const) {
      const res = await h.call('POST', route, { body, headers: a.headers });
      assert.deepEqual([res.status, res.body], [400, { code: 614, message: 'passkey does not exist' }], route);
    }
    const missing = await h.call('POST', 'updatePasskey', { body: { keyId: theirs }, headers: a.headers });
    assert.deepEqual([missing.status, missing.body], [400, { code: 403, message: 'missing parameter' }]);
  });

  it('deleteAccount answers true; the account, its passkeys and its tokens are gone', async () => {
    const me = await loggedIn('leaving@example.com', 'leaving');
    const second = await h.login('leaving@example.com', me.authenticator);
    const res = await h.call('POST', 'deleteAccount', { body: {}, headers: me.headers });
    assert.deepEqual([res.status, res.text], [200, 'true']);
    for (const token of [me.token, second.body['access-token'] as string]) {
      const after = await h.call('GET', 'user', { headers: { 'app-token': '', 'access-token': token } });
      assert.deepEqual([after.status, after.body], [400, { code: 405, message: 'invalid access token' }]);
    }
    const tenant = h.s.core.tenants.defaultTenant();
    assert.equal(await h.s.core.storage.credentials.getByCredentialId(tenant.id, me.authenticator.credentialId), null);
    const login = await h.login('leaving@example.com', me.authenticator);
    assert.deepEqual([login.status, login.body], [400, { code: 600, message: 'invalid login credentials' }]);
  });
});

describe('AppKey without user names', () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness();
  });
  after(async () => {
    await h.close();
  });

  it('setUserName and userNameAvailable are 606', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'no-names' });
    await h.seedUser('no-names@example.com', authenticator);
    const login = await h.login('no-names@example.com', authenticator);
    const headers = { 'app-token': '', 'access-token': login.body['access-token'] as string };
    const set = await h.call('POST', 'setUserName', { body: { userName: 'someone' }, headers });
    assert.deepEqual([set.status, set.body], [400, { code: 606, message: 'app does not support user names' }]);
    const available = await h.call('GET', 'userNameAvailable?userName=someone', { headers });
    assert.deepEqual([available.status, available.body], [400, { code: 606, message: 'app does not support user names' }]);
  });
});
