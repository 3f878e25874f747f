import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { ENCODINGS, ORIGIN, RP_ID, startAppKeyHarness, swiftCredential, type AppKeyHarness, type Encoding } from './appkey-harness.ts';
import { AK_APP_USER, AK_SIGNUP_CHALLENGE, AK_SIGNUP_DATA, assertSwiftDecodes } from './swift-decoders.ts';

describe('AppKey sign-up with a code sent to the handle', () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness({ APPKEY_HANDLE_TYPE: 'both' });
  });
  after(async () => {
    await h.close();
  });

  /** signup → create → signupConfirm, as the given SDK sends them; returns the confirm reply. */
  async function confirm(handle: string, authenticator: SoftwareAuthenticator, encoding: Encoding, names: Record<string, string> = { displayName: 'New User' }) {
    const options = await h.call('POST', 'signup', { body: { handle, ...names, locale: 'en' }, encoding });
    assert.equal(options.status, 200, options.text);
    const created = authenticator.register({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    const body = encoding === 'json' ? { ...created, handle } : { handle, ...swiftCredential(created) };
    return { options, confirmed: await h.call('POST', 'signupConfirm', { body, encoding }) };
  }

  for (const encoding of ENCODINGS) {
    it(`signs up (${encoding}): options, code by e-mail through SMTP, then the user object; nothing exists before the code`, async () => {
      const handle = `new-${encoding}@example.com`;
      const authenticator = new SoftwareAuthenticator({ seed: `signup-${encoding}` });
      const names: Record<string, string> = encoding === 'json' ? { firstName: 'New', lastName: 'User' } : { displayName: 'New User' };
      const { options, confirmed } = await confirm(handle, authenticator, encoding, names);
      const o = options.body;
      assertSwiftDecodes(AK_SIGNUP_CHALLENGE, o);
      assert.deepEqual(Object.keys(o).sort(), ['attestation', 'authenticatorSelection', 'challenge', 'excludeCredentials', 'pubKeyCredParams', 'rp', 'timeout', 'user']);
      assert.deepEqual(o.rp, { name: 'Sigil', id: RP_ID });
      assert.deepEqual({ ...(o.user as object), id: 'x' }, { id: 'x', name: handle, displayName: 'New User', handle });
      assert.equal(confirmed.status, 200, confirmed.text);
      assertSwiftDecodes(AK_SIGNUP_DATA, confirmed.body);
      const token = confirmed.body['signup-token'] as string;
      assert.deepEqual(confirmed.body, { handle, message: 'Please check your email for confirmation code.', 'signup-token': token, signUpToken: token });
      assert.equal(await h.s.core.storage.users.getByUsername(h.s.core.tenants.defaultTenant().id, handle), null, 'no account before the code');
      const code = h.smtp.latestCodeFor(handle);
      assert.match(String(code), /^\d{6}$/);
      const done = await h.call('POST', 'signupComplete', { body: { code }, encoding, headers: { 'app-token': '', 'signup-token': token } });
      assert.equal(done.status, 200, done.text);
      assertSwiftDecodes(AK_APP_USER, done.body);
      assert.deepEqual([done.body.handle, done.body.displayName, done.body.loginProvider, done.body.locale, done.body.status], [handle, 'New User', 'handle', 'EN', 'active']);
      assert.deepEqual((done.body.authenticators as { id: string }[]).map((a) => a.id), [Buffer.from(authenticator.credentialId).toString('base64url')]);
      assert.equal(typeof done.body.jwt, 'string');
      const me = await h.call('GET', 'user', { headers: { 'app-token': '', 'access-token': done.body['access-token'] as string } });
      assert.deepEqual([me.status, me.body.appUserId], [200, done.body.appUserId]);
      const again = await h.call('POST', 'signupComplete', { body: { code }, encoding, headers: { 'app-token': '', 'signup-token': token } });
      assert.deepEqual([again.status, again.body], [400, { code: 602, message: 'invalid data' }], 'a code is used once');
      const login = await h.login(handle, authenticator, encoding);
      assert.equal(login.status, 200, login.text);
    });
  }

  it('sends the code of a phone handle by SMS through Twilio (Swift pre-encodes the +)', async () => {
    const handle = '+15551234567';
    const authenticator = new SoftwareAuthenticator({ seed: 'signup-phone' });
    const { confirmed } = await confirm(handle, authenticator, 'form');
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.equal(confirmed.body.message, 'Please check your phone for confirmation code.');
    const code = h.twilio.latestCodeFor(handle);
    assert.match(String(code), /^\d{6}$/);
    const done = await h.call('POST', 'signupComplete', { body: { code }, encoding: 'form', headers: { 'app-token': '', 'signup-token': confirmed.body['signup-token'] as string } });
    assert.deepEqual([done.status, done.body.handle], [200, handle]);
  });

  it('brute force: after 5 wrong codes even the right one fails (411), and no account is made', async () => {
    const handle = 'brute@example.com';
    const { confirmed } = await confirm(handle, new SoftwareAuthenticator({ seed: 'brute' }), 'json');
    const headers = { 'app-token': '', 'signup-token': confirmed.body['signup-token'] as string };
    const code = h.smtp.latestCodeFor(handle) as string;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const res = await h.call('POST', 'signupComplete', { body: { code: wrong }, headers });
      assert.deepEqual([res.status, res.body], [400, { code: 602, message: 'invalid data' }], `try ${i + 1}`);
    }
    const right = await h.call('POST', 'signupComplete', { body: { code }, headers });
    assert.deepEqual([right.status, right.body], [400, { code: 411, message: 'expired signup code' }]);
    assert.equal(await h.s.core.storage.users.getByUsername(h.s.core.tenants.defaultTenant().id, handle), null);
  });

  it('an expired code is 411', async () => {
    const handle = 'late@example.com';
    const { confirmed } = await confirm(handle, new SoftwareAuthenticator({ seed: 'late' }), 'json');
    const code = h.smtp.latestCodeFor(handle);
    h.s.clock.advance(601_000);
    const res = await h.call('POST', 'signupComplete', { body: { code }, headers: { 'app-token': '', 'signup-token': confirmed.body['signup-token'] as string } });
    assert.deepEqual([res.status, res.body], [400, { code: 411, message: 'expired signup code' }]);
  });

  it('refuses: a taken handle 601, a malformed handle 617, a bad locale 609, missing names 403, a bad attestation 615, no signup-token 411', async () => {
    await h.seedUser('taken@example.com', new SoftwareAuthenticator({ seed: 'taken' }));
    const taken = await h.call('POST', 'signup', { body: { handle: 'taken@example.com', displayName: 'X' } });
    assert.deepEqual([taken.status, taken.body], [400, { code: 601, message: 'handle already registered' }]);
    const malformed = await h.call('POST', 'signup', { body: { handle: 'not a handle', displayName: 'X' } });
    assert.deepEqual([malformed.status, malformed.body], [400, { code: 617, message: 'invalid handle format' }]);
    const locale = await h.call('POST', 'signup', { body: { handle: 'loc@example.com', displayName: 'X', locale: 'english!' } });
    assert.deepEqual([locale.status, locale.body], [400, { code: 609, message: 'invalid locale' }]);
    const names = await h.call('POST', 'signup', { body: { handle: 'names@example.com', firstName: 'Only' } });
    assert.deepEqual([names.status, names.body], [400, { code: 403, message: 'missing parameter' }]);
    const options = await h.call('POST', 'signup', { body: { handle: 'bad-att@example.com', displayName: 'X' } });
    const created = new SoftwareAuthenticator({ seed: 'bad-att' }).register({ challenge: options.body.challenge as string, rpId: 'evil.example', origin: ORIGIN });
    const bad = await h.call('POST', 'signupConfirm', { body: { ...created, handle: 'bad-att@example.com' } });
    assert.deepEqual([bad.status, bad.body], [400, { code: 615, message: 'invalid passkey' }]);
    const noToken = await h.call('POST', 'signupComplete', { body: { code: '123456' }, headers: { 'app-token': '' } });
    assert.deepEqual([noToken.status, noToken.body], [400, { code: 411, message: 'expired signup code' }]);
  });

  it('a handle taken between confirm and complete is 601 at complete, and nothing is half-made', async () => {
    const handle = 'race@example.com';
    const { confirmed } = await confirm(handle, new SoftwareAuthenticator({ seed: 'race-1' }), 'json');
    await h.seedUser(handle, new SoftwareAuthenticator({ seed: 'race-2' }));
    const res = await h.call('POST', 'signupComplete', { body: { code: h.smtp.latestCodeFor(handle) }, headers: { 'app-token': '', 'signup-token': confirmed.body['signup-token'] as string } });
    assert.deepEqual([res.status, res.body], [400, { code: 601, message: 'handle already registered' }]);
  });
});

describe('AppKey sign-up by invitation only, or without a provider for the handle', () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness({ APPKEY_SIGNUP: 'invite' });
  });

  it('refuses a phone handle before any passkey is made when no SMS provider is configured (503, opaque)', async () => {
    const noSms = await startAppKeyHarness({ APPKEY_HANDLE_TYPE: 'phone', TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', TWILIO_FROM: '', TWILIO_API_URL: '' });
    try {
      const res = await noSms.call('POST', 'signup', { body: { handle: '+15551234567', displayName: 'P' } });
      assert.deepEqual([res.status, res.body], [503, { code: 500, message: 'internal server error' }]);
    } finally {
      await noSms.close();
    }
  });
  after(async () => {
    await h.close();
  });

  it('refuses signup with 407', async () => {
    const res = await h.call('POST', 'signup', { body: { handle: 'a@example.com', displayName: 'A' } });
    assert.deepEqual([res.status, res.body], [400, { code: 407, message: 'app does not support signup' }]);
  });
});
