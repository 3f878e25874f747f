import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { APPLE_BUNDLE, ENCODINGS, GOOGLE_CLIENT, ORIGIN, RP_ID, startAppKeyHarness, swiftCredential, type AppKeyHarness } from './appkey-harness.ts';
import { AK_APP_USER, AK_SIGNUP_CHALLENGE, assertSwiftDecodes } from './swift-decoders.ts';

const GOOGLE = 'https://accounts.google.com';
const APPLE = 'https://appleid.apple.com';

describe('AppKey anonymous and social login', () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness({ APPKEY_ANONYMOUS_LOGIN: 'true' });
  });
  after(async () => {
    await h.close();
  });

  for (const encoding of ENCODINGS) {
    it(`loginAnonymous → loginAnonymousComplete (${encoding}) makes an anonymous user and logs it in`, async () => {
      const uuid = encoding === 'json' ? '0b4a3f8e-8f5c-4f51-9d3c-2a0a4c1e7b11' : '1C2D3E4F-5A6B-4C7D-8E9F-0A1B2C3D4E5F';
      const handle = `ANON_${uuid}`;
      const options = await h.call('POST', 'loginAnonymous', { body: { handle, locale: 'de' }, encoding });
      assert.equal(options.status, 200, options.text);
      assertSwiftDecodes(AK_SIGNUP_CHALLENGE, options.body);
      assert.equal((options.body.user as { handle: string }).handle, `ANON_${uuid.toLowerCase()}`);
      const authenticator = new SoftwareAuthenticator({ seed: `anon-${encoding}` });
      const created = authenticator.register({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
      const body = encoding === 'json' ? { ...created, handle } : { handle, ...swiftCredential(created) };
      const done = await h.call('POST', 'loginAnonymousComplete', { body, encoding });
      assert.equal(done.status, 200, done.text);
      assertSwiftDecodes(AK_APP_USER, done.body);
      assert.deepEqual([done.body.handle, done.body.loginProvider, done.body.locale, done.body.displayName], [`ANON_${uuid.toLowerCase()}`, 'anonymous', 'DE', 'Anonymous']);
      assert.equal((done.body.authenticators as unknown[]).length, 1);
      const again = await h.login(handle.toLowerCase(), authenticator, encoding);
      assert.deepEqual([again.status, again.body.appUserId], [200, done.body.appUserId]);
    });
  }

  it('an existing or malformed anonymous handle is refused (601, 600)', async () => {
    const malformed = await h.call('POST', 'loginAnonymous', { body: { handle: 'ANON_not-a-uuid' } });
    assert.deepEqual([malformed.status, malformed.body], [400, { code: 600, message: 'invalid login credentials' }]);
    const taken = await h.call('POST', 'loginAnonymous', { body: { handle: 'ANON_0b4a3f8e-8f5c-4f51-9d3c-2a0a4c1e7b11' } });
    assert.deepEqual([taken.status, taken.body], [400, { code: 601, message: 'handle already registered' }]);
  });

  for (const encoding of ENCODINGS) {
    it(`socialSignup then socialLogin and verifySocialAccount with a Google ID token (${encoding})`, async () => {
      const sub = `google-${encoding}`;
      const token = await h.google.sign({ iss: GOOGLE, aud: GOOGLE_CLIENT, sub, email: `g-${encoding}@example.com`, name: 'G User' }, { now: h.s.clock.now() });
      const signup = await h.call('POST', 'socialSignup', { body: { token, provider: 'google', handle: `g-${encoding}@example.com`, displayName: 'G User', locale: 'es' }, encoding });
      assert.equal(signup.status, 200, signup.text);
      assertSwiftDecodes(AK_APP_USER, signup.body);
      assert.deepEqual([signup.body.handle, signup.body.loginProvider, signup.body.locale, signup.body.authenticators], [`g-${encoding}@example.com`, 'google', 'ES', []]);
      const tenant = h.s.core.tenants.defaultTenant();
      assert.equal((await h.s.core.storage.users.getById(tenant.id, signup.body.appUserId as string))?.emailVerified, true);
      const login = await h.call('POST', 'socialLogin', { body: { token, provider: 'google' }, encoding });
      assert.deepEqual([login.status, login.body.appUserId], [200, signup.body.appUserId]);
      const me = await h.call('GET', 'user', { headers: { 'app-token': '', 'access-token': login.body['access-token'] as string } });
      assert.equal(me.status, 200);
      const verified = await h.call('POST', 'verifySocialAccount', { body: { token, provider: 'google' }, encoding });
      assert.deepEqual([verified.status, verified.body.appUserId], [200, signup.body.appUserId]);
      const twice = await h.call('POST', 'socialSignup', { body: { token, provider: 'google', handle: `other-${encoding}@example.com`, displayName: 'G' }, encoding });
      assert.deepEqual([twice.status, twice.body], [400, { code: 612, message: 'google account exists' }]);
    });
  }

  it('Apple ID tokens are checked against the bundle id and Apple issuer', async () => {
    const token = await h.apple.sign({ iss: APPLE, aud: APPLE_BUNDLE, sub: 'apple-1', email: 'a@privaterelay.appleid.com' }, { now: h.s.clock.now() });
    const signup = await h.call('POST', 'socialSignup', { body: { token, provider: 'apple', handle: 'apple-user@example.com', displayName: 'A' } });
    assert.equal(signup.status, 200, signup.text);
    assert.equal(signup.body.loginProvider, 'apple');
    const again = await h.call('POST', 'socialSignup', { body: { token, provider: 'apple', handle: 'apple-2@example.com', displayName: 'A' } });
    assert.deepEqual([again.status, again.body], [400, { code: 611, message: 'apple account exists' }]);
  });

  it('refuses bad social tokens with 613 and unknown identities with 600', async () => {
    const now = h.s.clock.now();
    const cases = [
      await h.google.sign({ iss: GOOGLE, aud: 'someone-else', sub: 's' }, { now }),
      await h.google.sign({ iss: 'https://evil.example.com', aud: GOOGLE_CLIENT, sub: 's' }, { now }),
      await h.google.sign({ iss: GOOGLE, aud: GOOGLE_CLIENT, sub: 's' }, { now: now - 7_200_000 }),
      await h.apple.sign({ iss: GOOGLE, aud: GOOGLE_CLIENT, sub: 's' }, { now }),
      'not-a-jwt',
    ];
    for (const token of cases) {
      const res = await h.call('POST', 'socialLogin', { body: { token, provider: 'google' } });
      assert.deepEqual([res.status, res.body], [400, { code: 613, message: 'invalid token' }]);
    }
    const stranger = await h.google.sign({ iss: GOOGLE, aud: GOOGLE_CLIENT, sub: 'never-signed-up' }, { now });
    const unknown = await h.call('POST', 'socialLogin', { body: { token: stranger, provider: 'google' } });
    assert.deepEqual([unknown.status, unknown.body], [400, { code: 600, message: 'invalid login credentials' }]);
    const provider = await h.call('POST', 'socialLogin', { body: { token: stranger, provider: 'facebook' } });
    assert.deepEqual([provider.status, provider.body], [400, { code: 602, message: 'invalid data' }]);
  });
});

describe('AppKey with anonymous and social login off', () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness({ APPKEY_GOOGLE_CLIENT_ID: '', APPKEY_APPLE_BUNDLE_ID: '' });
  });
  after(async () => {
    await h.close();
  });

  it('414 for anonymous login, 416 / 415 for Google / Apple', async () => {
    const anon = await h.call('POST', 'loginAnonymous', { body: { handle: 'ANON_0b4a3f8e-8f5c-4f51-9d3c-2a0a4c1e7b11' } });
    assert.deepEqual([anon.status, anon.body], [400, { code: 414, message: 'anonymous login not supported' }]);
    const google = await h.call('POST', 'socialLogin', { body: { token: 'x', provider: 'google' } });
    assert.deepEqual([google.status, google.body], [400, { code: 416, message: 'Google login not supported' }]);
    const apple = await h.call('POST', 'socialSignup', { body: { token: 'x', provider: 'apple', handle: 'a@example.com', displayName: 'A' } });
    assert.deepEqual([apple.status, apple.body], [400, { code: 415, message: 'Apple login not supported' }]);
  });
});
