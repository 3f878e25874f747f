/** The Duo dialect's JWT checks, error envelope, user registration and per-tenant routing, over HTTP. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueAccessToken } from '../../core/tokens/issue-access-token.ts';
import { createUser } from '../../core/users/create-user.ts';
import { AUDIENCE, startDuoHarness } from './duo-harness.ts';
import type { DuoHarness } from './duo-harness.ts';

const silent = { info() {}, warn() {}, error() {} };

describe('Duo: access tokens of the identity provider', () => {
  let h: DuoHarness;
  before(async () => {
    h = await startDuoHarness();
  });
  after(() => h.close());

  it('answers a request without a token 401 with code 100101 in the Duo envelope', async () => {
    const res = await h.call('GET', '/v2/face');
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { error: { code: 100101, message: 'Authentication is required.' } });
    assert.equal(res.raw.headers['content-type'], 'application/json; charset=utf-8');
  });

  it('refuses an expired token (100103), a wrong audience (100102), a foreign issuer and a forged signature', async () => {
    const now = h.s.clock.now();
    const expired = await h.idp.sign({ sub: 'auth0|late', aud: AUDIENCE, exp: Math.floor(now / 1000) - 1 }, { now: now - 7_200_000 });
    assert.deepEqual(await h.call('GET', '/v2/keys', { token: expired }).then((r) => [r.status, r.body]), [401, { error: { code: 100103, message: 'The access token has expired.' } }]);
    const wrongAudience = await h.token('auth0|aud', { aud: 'https://other.example.com/api' });
    assert.deepEqual(await h.call('GET', '/v2/keys', { token: wrongAudience }).then((r) => [r.status, r.body]), [401, { error: { code: 100102, message: 'The access token is invalid.' } }]);
    const foreign = await h.acmeIdp.sign({ sub: 'auth0|x', aud: AUDIENCE }, { now });
    assert.equal((await h.call('GET', '/v2/keys', { token: foreign })).status, 401);
    const [header, payload] = (await h.token('auth0|forged')).split('.');
    const forged = await h.call('GET', '/v2/keys', { token: `${header}.${payload}.${'A'.repeat(342)}` });
    assert.deepEqual([forged.status, (forged.body as { error: { code: number } }).error.code], [401, 100102]);
    assert.equal((await h.call('GET', '/v2/keys', { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status, 401);
  });

  it('accepts an audience list that includes the API identifier', async () => {
    const token = await h.token('auth0|multi', { aud: ['https://idp.example.com/userinfo', AUDIENCE] });
    const res = await h.call('GET', '/v2/face', { token });
    assert.deepEqual([res.status, res.body], [200, { registered: false, registered_at: null }]);
  });

  it("accepts the tenant's own Sigil access tokens too", async () => {
    const tenant = h.s.core.tenants.defaultTenant();
    const ctx = { requestId: null, ip: null, actor: 'system', logger: silent };
    const user = await createUser(h.s.core, ctx, tenant, { username: 'sigil-native-user' });
    const { token } = await issueAccessToken(h.s.core, tenant, { userId: user.id, amr: ['passkey'] });
    const res = await h.call('GET', '/v2/devices', { token });
    assert.deepEqual([res.status, res.body], [200, { devices: [] }]);
  });
});

describe('Duo: POST /auth/users/register', () => {
  let h: DuoHarness;
  before(async () => {
    h = await startDuoHarness();
  });
  after(() => h.close());

  it('registers the token’s user once: 201, then 200', async () => {
    const token = await h.token('auth0|signup');
    const first = await h.call('POST', '/auth/users/register', { token });
    assert.deepEqual([first.status, first.body], [201, { success: true, message: 'User registered successfully' }]);
    const again = await h.call('POST', '/auth/users/register', { token, body: {} });
    assert.deepEqual([again.status, again.body], [200, { success: true, message: 'User already registered' }]);
    const events = await h.s.core.storage.audit.list(h.s.core.tenants.defaultTenant().id, { limit: 50 });
    assert.equal(events.filter((e) => e.action === 'duo.user.registered').length, 1);
  });

  it('takes an empty body sent as application/json, and refuses malformed JSON with 100001', async () => {
    const token = await h.token('auth0|empty-body');
    const empty = await h.call('POST', '/auth/users/register', { token, headers: { 'content-type': 'application/json' } });
    assert.equal(empty.status, 201);
    const bad = await h.call('POST', '/auth/users/register', { token, body: '{"oops":', headers: { 'content-type': 'application/json' } });
    assert.deepEqual([bad.status, bad.body], [400, { error: { code: 100001, message: 'The request is malformed or incomplete.' } }]);
    const poisoned = await h.call('POST', '/auth/users/register', { token, body: '{"__proto__":{"x":1}}', headers: { 'content-type': 'application/json' } });
    assert.equal(poisoned.status, 400);
  });
});

describe('Duo: per-tenant routing', () => {
  let h: DuoHarness;
  before(async () => {
    h = await startDuoHarness();
  });
  after(() => h.close());

  it("serves /t/<slug>/ with that tenant's identity provider only", async () => {
    const acme = await h.acmeToken('auth0|acme-user');
    const res = await h.call('POST', '/t/acme/auth/users/register', { token: acme });
    assert.equal(res.status, 201);
    assert.equal((await h.call('POST', '/auth/users/register', { token: acme })).status, 401, 'acme tokens are not the default tenant’s');
    const defaultToken = await h.token('auth0|acme-user');
    assert.equal((await h.call('GET', '/t/acme/v2/keys', { token: defaultToken })).status, 401, 'nor the other way round');
    const viaHeader = await h.call('GET', '/v2/face', { token: acme, headers: { 'x-sigil-tenant': 'acme' } });
    assert.equal(viaHeader.status, 200);
  });

  it('answers an unknown tenant 404 with code 100003', async () => {
    const res = await h.call('GET', '/t/nobody/v2/keys', { token: await h.token('x') });
    assert.deepEqual([res.status, res.body], [404, { error: { code: 100003, message: 'Unknown tenant.' } }]);
  });
});
