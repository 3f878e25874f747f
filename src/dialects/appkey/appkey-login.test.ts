import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { APP_TOKEN, ENCODINGS, ORIGIN, RP_ID, startAppKeyHarness, swiftCredential, type AppKeyHarness } from './appkey-harness.ts';
import { AK_APP_USER, AK_APPLICATION, AK_LOGIN_CHALLENGE, assertSwiftDecodes } from './swift-decoders.ts';

/** AppKeySwift `isValidJWT`, step by step: base64 → PEM text → strip armour → SPKI → RS256. */
function swiftIsValidJwt(jwt: string, appPublicKey: string): boolean {
  const parts = jwt.split('.');
  if (parts.length !== 3) return false;
  let text = Buffer.from(appPublicKey, 'base64').toString('utf8');
  if (text.startsWith('-----BEGIN PUBLIC KEY-----')) text = text.slice('-----BEGIN PUBLIC KEY-----'.length);
  text = text.trimEnd();
  if (text.endsWith('-----END PUBLIC KEY-----')) text = text.slice(0, -'-----END PUBLIC KEY-----'.length);
  text = text.replace(/[ \n\t\r]/g, '');
  const key = createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
  // base64StringWithPadding: url alphabet to standard, then `count % 4` '=' (sic).
  let signature = (parts[2] as string).replace(/-/g, '+').replace(/_/g, '/');
  signature += '='.repeat(signature.length % 4);
  return verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'), key, Buffer.from(signature, 'base64'));
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('AppKey login, verify and the app record', () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness();
  });
  after(async () => {
    await h.close();
  });

  it('GET /app answers the app record AKApplication decodes, with appPublicKey as base64 of a PEM', async () => {
    const res = await h.call('GET', 'app');
    assert.equal(res.status, 200, res.text);
    assertSwiftDecodes(AK_APPLICATION, res.body);
    const tenant = h.s.core.tenants.defaultTenant();
    const { appPublicKey, createdAt, updatedAt, ...rest } = res.body;
    assert.deepEqual(rest, {
      appId: tenant.id,
      displayAppId: 'default',
      name: 'Sigil',
      userId: tenant.id,
      status: 'active',
      handleType: 'email',
      emailExtension: false,
      appToken: APP_TOKEN,
      signup: 'open',
      anonymousLoginEnabled: false,
      userNamesEnabled: false,
      googleLoginEnabled: true,
      appleLoginEnabled: true,
      firebaseLoginEnabled: false,
      googleClientId: 'test-client.apps.googleusercontent.com',
      appleBundleId: 'com.example.app',
      relyPartyId: RP_ID,
      userJWTExpiration: 24,
      locales: ['EN'],
    });
    assert.match(Buffer.from(appPublicKey as string, 'base64').toString('utf8'), /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
    assert.match(String(createdAt), ISO);
    assert.match(String(updatedAt), ISO);
  });

  for (const encoding of ENCODINGS) {
    it(`logs in (${encoding}): user object field by field, a working access-token, and a jwt Swift's isValidJWT accepts`, async () => {
      const authenticator = new SoftwareAuthenticator({ seed: `login-${encoding}` });
      const user = await h.seedUser(`ada-${encoding}+1@example.com`, authenticator, 'Ada Lovelace');
      const options = await h.call('POST', 'login', { body: { handle: `Ada-${encoding}+1@Example.com` }, encoding });
      assert.equal(options.status, 200, options.text);
      assertSwiftDecodes(AK_LOGIN_CHALLENGE, options.body);
      assert.deepEqual(Object.keys(options.body).sort(), ['allowCredentials', 'challenge', 'requireAddPasskey', 'rpId', 'timeout', 'user', 'userVerification']);
      assert.deepEqual(options.body.allowCredentials, [{ type: 'public-key', id: Buffer.from(authenticator.credentialId).toString('base64url'), transports: ['internal'] }]);
      assert.deepEqual([options.body.rpId, options.body.timeout, options.body.userVerification, options.body.requireAddPasskey], [RP_ID, 300_000, 'preferred', false]);
      const handle = `ada-${encoding}+1@example.com`;
      assert.deepEqual({ ...(options.body.user as object), id: 'x' }, { id: 'x', name: handle, displayName: handle, handle });
      const assertion = authenticator.authenticate({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
      const body = encoding === 'json' ? { ...assertion, handle } : { handle, ...swiftCredential(assertion) };
      const res = await h.call('POST', 'loginComplete', { body, encoding });
      assert.equal(res.status, 200, res.text);
      const b = res.body;
      assertSwiftDecodes(AK_APP_USER, b);
      assert.deepEqual(Object.keys(b).sort(), ['access-token', 'appId', 'appUserId', 'authenticators', 'createdAt', 'displayName', 'handle', 'jwt', 'lastLogin', 'locale', 'loginProvider', 'status', 'updatedAt', 'userName']);
      const now = new Date(h.s.clock.now()).toISOString();
      assert.deepEqual(
        [b.appId, b.appUserId, b.handle, b.displayName, b.status, b.loginProvider, b.userName, b.locale, b.lastLogin, b.createdAt, b.updatedAt],
        [h.s.core.tenants.defaultTenant().id, user.id, handle, 'Ada Lovelace', 'active', 'handle', null, 'EN', now, now, now],
      );
      const authenticators = b.authenticators as Record<string, unknown>[];
      assert.equal(authenticators.length, 1);
      assert.deepEqual(authenticators[0], {
        id: Buffer.from(authenticator.credentialId).toString('base64url'),
        publicKey: Buffer.from(authenticator.key.cose).toString('base64url'),
        counter: 1,
        deviceType: 'singleDevice',
        credentialBackedUp: false,
        name: 'Ada Lovelace-web',
        type: 'public-key',
        transports: ['internal'],
        platform: 'web',
        lastUsed: now,
        createdAt: now,
        updatedAt: now,
      });
      const app = await h.call('GET', 'app');
      assert.equal(swiftIsValidJwt(b.jwt as string, app.body.appPublicKey as string), true);
      const tampered = `${(b.jwt as string).slice(0, -4)}AAAA`;
      assert.equal(swiftIsValidJwt(tampered, app.body.appPublicKey as string), false);
      const payload = JSON.parse(Buffer.from((b.jwt as string).split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
      assert.deepEqual([payload.sub, payload.aud, payload.handle, (payload.exp as number) - (payload.iat as number)], [user.id, b.appId, handle, 24 * 3600]);
      const me = await h.call('GET', 'user', { headers: { 'app-token': '', 'access-token': b['access-token'] as string } });
      assert.equal(me.status, 200, me.text);
      assert.equal(me.body.appUserId, user.id);
      assert.equal(me.body['access-token'], b['access-token']);
    });
  }

  it('verifyComplete answers the user object with valid: true and a fresh access-token', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'verify' });
    const user = await h.seedUser('verify@example.com', authenticator);
    const options = await h.call('POST', 'verify', { body: { handle: 'verify@example.com' } });
    assert.equal(options.status, 200, options.text);
    const assertion = authenticator.authenticate({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    const res = await h.call('POST', 'verifyComplete', { body: { ...assertion, handle: 'verify@example.com' } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([res.body.valid, res.body.appUserId, typeof res.body['access-token']], [true, user.id, 'string']);
  });

  it('a login ceremony does not complete a verify one, nor for another handle', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'crossed' });
    await h.seedUser('crossed@example.com', authenticator);
    const options = await h.call('POST', 'login', { body: { handle: 'crossed@example.com' } });
    const assertion = authenticator.authenticate({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    const asVerify = await h.call('POST', 'verifyComplete', { body: { ...assertion, handle: 'crossed@example.com' } });
    assert.deepEqual([asVerify.status, asVerify.body], [400, { code: 600, message: 'invalid login credentials' }]);
  });

  it('answers an unknown handle like a known one (stable stand-in options), failing only at loginComplete with 600', async () => {
    const a = await h.call('POST', 'login', { body: { handle: 'nobody@example.com' } });
    const b = await h.call('POST', 'login', { body: { handle: 'nobody@example.com' } });
    assert.equal(a.status, 200);
    assert.deepEqual(a.body.allowCredentials, b.body.allowCredentials);
    assert.deepEqual(a.body.user, b.body.user);
    assert.deepEqual(Object.keys(a.body).sort(), ['allowCredentials', 'challenge', 'requireAddPasskey', 'rpId', 'timeout', 'user', 'userVerification']);
    const stranger = new SoftwareAuthenticator({ seed: 'stranger' });
    await h.seedUser('stranger@example.com', stranger);
    const assertion = stranger.authenticate({ challenge: a.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    const res = await h.call('POST', 'loginComplete', { body: { ...assertion, handle: 'nobody@example.com' } });
    assert.deepEqual([res.status, res.body], [400, { code: 600, message: 'invalid login credentials' }]);
  });

  it('refuses a wrong signature, a replay and a missing app token with AppKey codes', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'refusals' });
    await h.seedUser('refusals@example.com', authenticator);
    const options = await h.call('POST', 'login', { body: { handle: 'refusals@example.com' } });
    const bad = authenticator.authenticate({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN, tamper: { corruptSignature: true } });
    const res = await h.call('POST', 'loginComplete', { body: { ...bad, handle: 'refusals@example.com' } });
    assert.deepEqual([res.status, res.body], [400, { code: 600, message: 'invalid login credentials' }]);
    const replay = await h.call('POST', 'loginComplete', { body: { ...bad, handle: 'refusals@example.com' } });
    assert.deepEqual([replay.status, replay.body], [400, { code: 600, message: 'invalid login credentials' }]);
    for (const headers of [{ 'app-token': '' }, { 'app-token': 'wrong-token-wrong-token' }]) {
      const refused = await h.call('POST', 'login', { body: { handle: 'refusals@example.com' }, headers });
      assert.deepEqual([refused.status, refused.body], [400, { code: 400, message: 'invalid app token' }]);
    }
    const missing = await h.call('POST', 'login', { body: {} });
    assert.deepEqual([missing.status, missing.body], [400, { code: 403, message: 'missing parameter' }]);
    const noResponse = await h.call('POST', 'loginComplete', { body: { handle: 'refusals@example.com', id: 'AAAA' } });
    assert.deepEqual([noResponse.status, noResponse.body], [400, { code: 403, message: 'missing parameter' }]);
    const notJson = await h.call('POST', 'loginComplete', { body: { handle: 'refusals@example.com', id: 'AAAA', response: '{nope' }, encoding: 'form' });
    assert.deepEqual([notJson.status, notJson.body], [400, { code: 602, message: 'invalid data' }]);
  });

  it('matches endpoint names whatever their case, and answers unknown ones in the AppKey envelope', async () => {
    const upper = await h.call('POST', 'LOGIN', { body: { handle: 'x@example.com' } });
    assert.equal(upper.status, 200);
    const unknown = await h.call('POST', 'noSuchThing', { body: {} });
    assert.deepEqual([unknown.status, unknown.body], [404, { code: 602, message: 'invalid data' }]);
  });

  it('accepts an access-token of the app where the app-token is expected (the JS SDK sends one header)', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'one-header' });
    await h.seedUser('one-header@example.com', authenticator);
    const login = await h.login('one-header@example.com', authenticator);
    const app = await h.call('GET', 'app', { headers: { 'app-token': '', 'access-token': login.body['access-token'] as string } });
    assert.equal(app.status, 200, app.text);
    assert.equal(app.body.appToken, '', 'the token itself is not stored, so not echoed to a user');
    const bogus = await h.call('GET', 'app', { headers: { 'app-token': '', 'access-token': 'x.y.z' } });
    assert.deepEqual([bogus.status, bogus.body], [400, { code: 405, message: 'invalid access token' }]);
  });
});
