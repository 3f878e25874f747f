import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../http/app.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { createTestServices, TEST_ADMIN_KEY, type TestServices } from '../../testing/test-services.ts';

const ORIGIN = 'https://app.example.com';
const RP_ID = 'example.com';

describe('native FIDO2 API', () => {
  let s: TestServices;
  let app: FastifyInstance;
  before(async () => {
    s = await createTestServices({ env: { RP_ID, ORIGINS: ORIGIN, RP_NAME: 'Example' } });
    app = await buildApp(s);
  });
  after(async () => {
    await app.close();
    await s.dispose();
  });

  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'POST', url, payload: body as object, headers });
    return { status: res.statusCode, body: res.json() as Record<string, unknown>, cookie: res.headers['set-cookie'] };
  };

  async function register(username: string, authenticator: SoftwareAuthenticator, headers: Record<string, string> = {}) {
    const options = await post('/attestation/options', { username, displayName: `${username} display`, attestation: 'none' }, headers);
    assert.equal(options.status, 200, JSON.stringify(options.body));
    const credential = authenticator.register({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    return post('/attestation/result', { ...credential, session: options.body.session });
  }

  it('answers registration options in the transport binding shape, with a session and a cookie', async () => {
    const res = await post('/attestation/options', { username: 'shape', displayName: 'Shape', extensions: { 'example.extension': true }, authenticatorSelection: { userVerification: 'discouraged', residentKey: 'required' } });
    assert.equal(res.status, 200);
    const b = res.body;
    assert.equal(b.status, 'ok');
    assert.equal(b.errorMessage, '');
    assert.deepEqual(b.rp, { name: 'Example', id: RP_ID });
    assert.deepEqual({ ...(b.user as object), id: 'x' }, { id: 'x', name: 'shape', displayName: 'Shape' });
    assert.equal(Buffer.from((b.user as { id: string }).id, 'base64url').length, 36);
    assert.equal(Buffer.from(b.challenge as string, 'base64url').length, 32);
    assert.deepEqual((b.pubKeyCredParams as { alg: number }[]).slice(0, 3), [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -8 }, { type: 'public-key', alg: -257 }]);
    assert.equal(b.timeout, 300_000);
    assert.deepEqual(b.excludeCredentials, []);
    // The tenant's 'preferred' is not lowered by a client asking for 'discouraged'.
    assert.deepEqual(b.authenticatorSelection, { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' });
    assert.equal(b.attestation, 'none');
    assert.deepEqual(b.extensions, { 'example.extension': true });
    assert.match(String(b.session), /^[\w-]{24}$/);
    assert.match(String(res.cookie), new RegExp(`^sigil_registration=${b.session}; Path=/; Max-Age=300; HttpOnly; SameSite=Lax$`));
  });

  it('registers a new user, then logs in username-first and discoverably, with tokens the JWKS verifies', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'alice' });
    const reg = await register('alice', authenticator);
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    assert.deepEqual(Object.keys(reg.body).sort(), ['accessToken', 'credentialId', 'errorMessage', 'expiresIn', 'status', 'tokenType', 'userId', 'username']);
    assert.deepEqual([reg.body.status, reg.body.errorMessage, reg.body.username, reg.body.tokenType, reg.body.expiresIn], ['ok', '', 'alice', 'Bearer', 900]);
    assert.equal(reg.body.credentialId, Buffer.from(authenticator.credentialId).toString('base64url'));

    const opts = await post('/assertion/options', { username: 'alice' });
    assert.deepEqual(opts.body.allowCredentials, [{ type: 'public-key', id: reg.body.credentialId, transports: ['internal'] }]);
    assert.equal(opts.body.rpId, RP_ID);
    const assertion = authenticator.authenticate({ challenge: opts.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    const login = await post('/assertion/result', { ...assertion, session: opts.body.session });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.userId, reg.body.userId);

    const jwks = createLocalJWKSet((await app.inject('/.well-known/jwks.json')).json());
    const { payload } = await jwtVerify(login.body.accessToken as string, jwks, { issuer: 'http://localhost:8080', audience: RP_ID, currentDate: new Date(s.clock.now()) });
    assert.deepEqual([payload.sub, payload.amr, payload.cred], [reg.body.userId, ['passkey'], reg.body.credentialId]);

    const discoverable = await post('/assertion/options', {});
    assert.deepEqual(discoverable.body.allowCredentials, []);
    const userHandle = new TextEncoder().encode(reg.body.userId as string);
    const d = authenticator.authenticate({ challenge: discoverable.body.challenge as string, rpId: RP_ID, origin: ORIGIN, userHandle });
    const dLogin = await post('/assertion/result', { ...d, session: discoverable.body.session });
    assert.equal(dLogin.status, 200, JSON.stringify(dLogin.body));
    const stored = await s.core.storage.credentials.getByCredentialId(s.core.tenants.defaultTenant().id, authenticator.credentialId);
    assert.deepEqual(stored?.kind === 'passkey' && [stored.enrolledVia, stored.signCount], ['native', 2]);
  });

  it("never lets a client lower the tenant's attestation preference", async () => {
    const now = s.clock.now();
    const base = s.core.tenants.defaultTenant();
    const strict = { ...base, id: 'tenant-direct', slug: 'direct', policies: { ...base.policies, attestation: 'direct' as const }, createdAt: now, updatedAt: now };
    await s.core.storage.tenants.create(strict);
    s.core.tenants.put(strict);
    assert.equal((await post('/t/direct/attestation/options', { username: 'a', attestation: 'none' })).body.attestation, 'direct');
    assert.equal((await post('/t/direct/attestation/options', { username: 'a', attestation: 'enterprise' })).body.attestation, 'enterprise');
    assert.equal((await post('/attestation/options', { username: 'a', attestation: 'direct' })).body.attestation, 'direct');
  });

  it('carries the session in a cookie too', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'cookie' });
    await register('cookie-user', authenticator);
    const opts = await post('/assertion/options', { username: 'cookie-user' });
    const assertion = authenticator.authenticate({ challenge: opts.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    const cookie = String(opts.cookie).split(';')[0] as string;
    const login = await post('/assertion/result', assertion, { cookie });
    assert.equal(login.status, 200, JSON.stringify(login.body));
  });

  it('treats a malformed session cookie as no session', async () => {
    const res = await post('/assertion/result', { id: 'AAAA', type: 'public-key', response: {} }, { cookie: 'sigil_authentication=%E0%A4%A' });
    assert.deepEqual([res.status, res.body], [400, { status: 'failed', errorMessage: 'The challenge is unknown or has already been used.' }]);
  });

  it('refuses a replayed result: the challenge was spent', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'replay' });
    await register('replay-user', authenticator);
    const opts = await post('/assertion/options', { username: 'replay-user' });
    const assertion = { ...authenticator.authenticate({ challenge: opts.body.challenge as string, rpId: RP_ID, origin: ORIGIN }), session: opts.body.session };
    assert.equal((await post('/assertion/result', assertion)).status, 200);
    const again = await post('/assertion/result', assertion);
    assert.equal(again.status, 400);
    assert.deepEqual(again.body, { status: 'failed', errorMessage: 'The challenge is unknown or has already been used.' });
  });

  it('spends the challenge on a failed attempt as well', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'spent' });
    await register('spent-user', authenticator);
    const opts = await post('/assertion/options', { username: 'spent-user' });
    const bad = authenticator.authenticate({ challenge: opts.body.challenge as string, rpId: RP_ID, origin: 'https://evil.example.com' });
    const first = await post('/assertion/result', { ...bad, session: opts.body.session });
    assert.deepEqual([first.status, first.body.errorMessage], [400, 'The origin is not allowed.']);
    const good = authenticator.authenticate({ challenge: opts.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    const second = await post('/assertion/result', { ...good, session: opts.body.session });
    assert.deepEqual([second.status, second.body.errorMessage], [400, 'The challenge is unknown or has already been used.']);
  });

  it("refuses another user's passkey in a username-first login", async () => {
    const [a, b] = [new SoftwareAuthenticator({ seed: 'ua' }), new SoftwareAuthenticator({ seed: 'ub' })];
    await register('user-a', a);
    await register('user-b', b);
    const opts = await post('/assertion/options', { username: 'user-a' });
    const wrong = b.authenticate({ challenge: opts.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    const res = await post('/assertion/result', { ...wrong, session: opts.body.session });
    assert.deepEqual([res.status, res.body.errorMessage], [404, 'Credential not found.']);
  });

  it('answers an unknown username with stand-in options that look real and can only fail', async () => {
    const a = await post('/assertion/options', { username: 'nobody-here' });
    const b = await post('/assertion/options', { username: 'nobody-here' });
    assert.equal(a.status, 200);
    assert.equal((a.body.allowCredentials as unknown[]).length, 1);
    assert.deepEqual(a.body.allowCredentials, b.body.allowCredentials, 'stable across calls');
    assert.deepEqual((a.body.allowCredentials as { transports: string[] }[])[0]?.transports, ['hybrid', 'internal'], 'sorted, as stored transports are');
    const stranger = new SoftwareAuthenticator({ seed: 'stranger' });
    await register('stranger', stranger);
    const res = await post('/assertion/result', { ...stranger.authenticate({ challenge: a.body.challenge as string, rpId: RP_ID, origin: ORIGIN }), session: a.body.session });
    assert.equal(res.status, 404);
  });

  it('rejects a counter that does not increase, and keeps the stored one', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'clone', initialSignCount: 10 });
    await register('clone-user', authenticator);
    const opts = await post('/assertion/options', { username: 'clone-user' });
    const cloned = authenticator.authenticate({ challenge: opts.body.challenge as string, rpId: RP_ID, origin: ORIGIN, tamper: { signCount: 10 } });
    const res = await post('/assertion/result', { ...cloned, session: opts.body.session });
    assert.deepEqual([res.status, res.body.errorMessage], [400, 'The signature counter did not increase; the authenticator may be cloned.']);
    const stored = await s.core.storage.credentials.getByCredentialId(s.core.tenants.defaultTenant().id, authenticator.credentialId);
    assert.equal(stored?.kind === 'passkey' && stored.signCount, 10);
  });

  it("adds a passkey to an existing user only with the user's token or a one-time grant", async () => {
    const first = new SoftwareAuthenticator({ seed: 'owner-1' });
    const reg = await register('owner', first);
    const refused = await post('/attestation/options', { username: 'owner' });
    assert.deepEqual([refused.status, refused.body.status], [403, 'failed']);

    const second = new SoftwareAuthenticator({ seed: 'owner-2' });
    const withToken = await register('owner', second, { authorization: `Bearer ${reg.body.accessToken as string}` });
    assert.equal(withToken.status, 200, JSON.stringify(withToken.body));
    const excluded = await post('/attestation/options', { username: 'owner' }, { authorization: `Bearer ${reg.body.accessToken as string}` });
    assert.equal((excluded.body.excludeCredentials as unknown[]).length, 2);

    const grantRes = await app.inject({ method: 'POST', url: `/admin/v1/users/${reg.body.userId as string}/registration-grants`, headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    assert.equal(grantRes.statusCode, 201, grantRes.body);
    const { grant } = grantRes.json() as { grant: string };
    const third = new SoftwareAuthenticator({ seed: 'owner-3' });
    const opts = await post('/attestation/options', { username: 'owner', registrationGrant: grant });
    assert.equal(opts.status, 200);
    const done = await post('/attestation/result', { ...third.register({ challenge: opts.body.challenge as string, rpId: RP_ID, origin: ORIGIN }), session: opts.body.session });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const reused = await post('/attestation/options', { username: 'owner', registrationGrant: grant });
    assert.equal(reused.status, 403, 'a grant is single-use');
  });

  it('lets the management API revoke an access token; protected routes then refuse it', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'revoked' });
    const reg = await register('revoked-user', authenticator);
    const token = reg.body.accessToken as string;
    const asBearer = { authorization: `Bearer ${token}` };
    assert.equal((await post('/attestation/options', { username: 'revoked-user' }, asBearer)).status, 200);
    const revoke = await app.inject({ method: 'POST', url: '/admin/v1/tokens/revoke', payload: { token }, headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    assert.equal(revoke.statusCode, 204);
    const refused = await post('/attestation/options', { username: 'revoked-user' }, asBearer);
    assert.deepEqual([refused.status, refused.body.errorMessage], [401, 'The access token has been revoked.']);
    const bogus = await app.inject({ method: 'POST', url: '/admin/v1/tokens/revoke', payload: { token: 'x.y.z' }, headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    assert.deepEqual([bogus.statusCode, bogus.json()], [401, { error: { code: 'token_invalid', message: 'The access token is invalid.' } }]);
  });

  it('refuses to register one credential id twice', async () => {
    const authenticator = new SoftwareAuthenticator({ seed: 'twice' });
    assert.equal((await register('twice-1', authenticator)).status, 200);
    const again = await register('twice-2', authenticator);
    assert.deepEqual([again.status, again.body.errorMessage], [409, 'The credential is already registered.']);
    assert.equal(await s.core.storage.users.getByUsername(s.core.tenants.defaultTenant().id, 'twice-2'), null, 'no orphan user');
  });

  it('answers malformed bodies with the failed envelope, never a 500', async () => {
    for (const [url, body] of [
      ['/attestation/options', {}],
      ['/attestation/options', { username: 42 }],
      ['/assertion/result', { session: 'x' }],
      ['/assertion/result', []],
      ['/attestation/result', { session: 'nope', id: 'x', type: 'public-key', response: {} }],
    ] as const) {
      const res = await post(url, body);
      assert.ok(res.status >= 400 && res.status < 500, `${url} ${JSON.stringify(body)} → ${res.status}`);
      assert.equal(res.body.status, 'failed');
      assert.ok(String(res.body.errorMessage).length > 0);
    }
    const notJson = await app.inject({ method: 'POST', url: '/assertion/options', payload: '{', headers: { 'content-type': 'application/json' } });
    assert.deepEqual([notJson.statusCode, notJson.json()], [400, { status: 'failed', errorMessage: 'The request is malformed or incomplete.' }]);
  });

  it('serves another tenant under /t/<slug>, with its own RP and users', async () => {
    const now = s.clock.now();
    const other = { ...s.core.tenants.defaultTenant(), id: 'tenant-shop', slug: 'shop', rpId: 'shop.test', origins: ['https://shop.test'], createdAt: now, updatedAt: now };
    await s.core.storage.tenants.create(other);
    s.core.tenants.put(other);
    const authenticator = new SoftwareAuthenticator({ seed: 'shopper' });
    const opts = await post('/t/shop/attestation/options', { username: 'alice' });
    assert.deepEqual(opts.body.rp, { name: 'Example', id: 'shop.test' });
    const res = await post('/t/shop/attestation/result', { ...authenticator.register({ challenge: opts.body.challenge as string, rpId: 'shop.test', origin: 'https://shop.test' }), session: opts.body.session });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    // The default tenant's session is unknown to the shop tenant, and vice versa.
    const crossed = await post('/assertion/result', { ...authenticator.authenticate({ challenge: 'AAAA', rpId: 'shop.test', origin: 'https://shop.test' }), session: opts.body.session });
    assert.equal(crossed.status, 400);
  });
});
