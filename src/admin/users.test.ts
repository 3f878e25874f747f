import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../http/app.ts';
import { SoftwareAuthenticator } from '../testing/authenticator/software-authenticator.ts';
import { createTestServices, TEST_ADMIN_KEY, type TestServices } from '../testing/test-services.ts';
import { adminClient, codeOf } from './admin-test-client.ts';

const ORIGIN = 'https://app.example.com';
const RP_ID = 'example.com';

describe('management API: users and credentials', () => {
  let s: TestServices;
  let app: FastifyInstance;
  let call: ReturnType<typeof adminClient>;
  let otherKey: string;
  const root = TEST_ADMIN_KEY;

  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'POST', url, payload: body as object, headers });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
  /** Registers a passkey user through the native API; answers the user id, token and authenticator. */
  const signUp = async (username: string) => {
    const authenticator = new SoftwareAuthenticator({ seed: username });
    const options = await post('/attestation/options', { username, attestation: 'none' });
    const result = await post('/attestation/result', { ...authenticator.register({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN }), session: options.body.session });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    return { id: result.body.userId as string, token: result.body.accessToken as string, authenticator };
  };
  const login = async (username: string, authenticator: SoftwareAuthenticator) => {
    const options = await post('/assertion/options', { username });
    return post('/assertion/result', { ...authenticator.authenticate({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN }), session: options.body.session });
  };
  /** A route that needs the user's bearer token (adding a passkey to oneself). */
  const useToken = (username: string, token: string) => post('/attestation/options', { username }, { authorization: `Bearer ${token}` });

  before(async () => {
    s = await createTestServices({ env: { RP_ID, ORIGINS: ORIGIN } });
    app = await buildApp(s);
    call = adminClient(app);
    otherKey = (await call('POST', '/tenants', root, { slug: 'other', rpId: 'other.example.com', origins: ['https://other.example.com'] })).body.adminKey as string;
  });
  after(async () => {
    await app.close();
    await s.dispose();
  });

  it('creates users and searches them by username, email or phone, a page at a time', async () => {
    const made: { id: string }[] = [];
    for (const u of [{ username: 'carol', email: 'carol@example.com' }, { username: 'dave', phone: '+15550123' }, { username: 'erin', email: 'erin@shop.example.org', displayName: 'Erin E' }]) {
      const res = await call('POST', '/users', root, u);
      assert.equal(res.status, 201);
      made.push(res.body as { id: string });
    }
    assert.deepEqual({ ...made[2], id: 'x' }, { id: 'x', username: 'erin', displayName: 'Erin E', email: 'erin@shop.example.org', emailVerified: false, phone: null, phoneVerified: false, status: 'active', createdAt: new Date(s.clock.now()).toISOString(), updatedAt: new Date(s.clock.now()).toISOString() });
    const byEmail = await call('GET', '/users?query=EXAMPLE.COM', root);
    assert.deepEqual([byEmail.status, byEmail.body.users.map((u: { username: string }) => u.username), byEmail.body.nextCursor], [200, ['carol'], null]);
    assert.deepEqual((await call('GET', '/users?query=555', root)).body.users.map((u: { username: string }) => u.username), ['dave']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/users?limit=2${cursor === null ? '' : `&after=${cursor}`}`, root);
      seen.push(...page.body.users.map((u: { id: string }) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    assert.deepEqual(seen.filter((id) => made.some((m) => m.id === id)).length, 3);
    assert.deepEqual(codeOf(await call('POST', '/users', root, { username: 'carol' })), [409, 'username_taken']);
  });

  it('shows a user with credentials, face enrollment and dialect records', async () => {
    const { id } = await signUp('frank');
    const res = await call('GET', `/users/${id}`, root);
    assert.equal(res.status, 200);
    assert.equal(res.body.username, 'frank');
    assert.equal(res.body.credentials.length, 1);
    assert.deepEqual([res.body.credentials[0].kind, res.body.credentials[0].status, res.body.credentials[0].enrolledVia, 'publicKey' in res.body.credentials[0]], ['passkey', 'active', 'native', false]);
    assert.deepEqual([res.body.face, res.body.dialectRegistrations, res.body.mpcKeys, res.body.clientDevices], [{ enrolled: false, registeredAt: null }, {}, [], []]);
    const list = await call('GET', `/users/${id}/credentials`, root);
    assert.deepEqual(list.body.credentials, res.body.credentials);
  });

  it('updates a user; a changed email is no longer verified', async () => {
    const user = (await call('POST', '/users', root, { username: 'gina', email: 'g@example.com' })).body;
    await s.core.storage.users.update(s.core.tenants.defaultTenant().id, user.id, { emailVerified: true, updatedAt: s.clock.now() });
    const res = await call('PATCH', `/users/${user.id}`, root, { displayName: 'Gina G', email: 'gina@example.com', phone: '+15550999' });
    assert.deepEqual([res.status, res.body.displayName, res.body.email, res.body.emailVerified, res.body.phone], [200, 'Gina G', 'gina@example.com', false, '+15550999']);
    const cleared = await call('PATCH', `/users/${user.id}`, root, { phone: null });
    assert.equal(cleared.body.phone, null);
    for (const bad of [{}, { status: 'gone' }, { email: 'not-an-email' }, { phone: '5550' }, { displayName: '' }, { username: 'x' }]) {
      assert.deepEqual(codeOf(await call('PATCH', `/users/${user.id}`, root, bad)), [400, 'invalid_request'], JSON.stringify(bad));
    }
  });

  it('disables a user: no login, no token use; enabling restores both', async () => {
    const { id, token, authenticator } = await signUp('hank');
    assert.equal((await useToken('hank', token)).status, 200);
    s.clock.advance(1);
    assert.equal((await call('PATCH', `/users/${id}`, root, { status: 'disabled' })).body.status, 'disabled');
    const refusedLogin = await login('hank', authenticator);
    assert.notEqual(refusedLogin.status, 200);
    assert.equal((await useToken('hank', token)).status, 403);
    s.clock.advance(1);
    await call('PATCH', `/users/${id}`, root, { status: 'active' });
    assert.equal((await login('hank', authenticator)).status, 200);
    assert.equal((await useToken('hank', token)).status, 200);
    const actions = (await s.core.storage.audit.list(s.core.tenants.defaultTenant().id, { limit: 10, subject: `user:${id}` })).map((e) => e.action);
    assert.deepEqual(actions.filter((a) => a.startsWith('user.')), ['user.enabled', 'user.disabled', 'user.created']);
  });

  it('deletes a user with everything they own; their tokens stop working', async () => {
    const { id, token, authenticator } = await signUp('ivan');
    assert.equal((await call('DELETE', `/users/${id}`, root)).status, 204);
    assert.deepEqual(codeOf(await call('GET', `/users/${id}`, root)), [404, 'user_not_found']);
    assert.deepEqual(await s.core.storage.credentials.listByUser(s.core.tenants.defaultTenant().id, id), []);
    assert.equal((await useToken('ivan', token)).status, 401);
    assert.notEqual((await login('ivan', authenticator)).status, 200);
    assert.deepEqual(codeOf(await call('DELETE', `/users/${id}`, root)), [404, 'user_not_found']);
    const [deleted] = await s.core.storage.audit.list(s.core.tenants.defaultTenant().id, { limit: 1, action: 'user.deleted', subject: `user:${id}` });
    assert.equal((deleted?.detail as { credentials: string[] }).credentials.length, 1);
  });

  it('renames and revokes a passkey; login with it then fails', async () => {
    const { id, authenticator } = await signUp('judy');
    const [credential] = (await call('GET', `/users/${id}/credentials`, root)).body.credentials;
    const renamed = await call('PATCH', `/credentials/${credential.id}`, root, { name: 'Work laptop' });
    assert.deepEqual([renamed.status, renamed.body.name], [200, 'Work laptop']);
    assert.deepEqual(codeOf(await call('PATCH', `/credentials/${credential.id}`, root, { name: '' })), [400, 'invalid_request']);
    assert.equal((await login('judy', authenticator)).status, 200);
    const revoked = await call('DELETE', `/credentials/${credential.id}`, root);
    assert.deepEqual([revoked.status, revoked.body.status, revoked.body.revokedAt], [200, 'revoked', new Date(s.clock.now()).toISOString()]);
    assert.notEqual((await login('judy', authenticator)).status, 200);
    assert.deepEqual(codeOf(await call('DELETE', `/credentials/${'0'.repeat(36)}`, root)), [404, 'credential_not_found']);
  });

  it("never shows or changes another tenant's users or credentials, not even by id", async () => {
    const { id } = await signUp('kate');
    const [credential] = (await call('GET', `/users/${id}/credentials`, root)).body.credentials;
    assert.deepEqual(codeOf(await call('GET', `/users/${id}`, otherKey)), [404, 'user_not_found']);
    assert.deepEqual(codeOf(await call('GET', `/users/${id}/credentials`, otherKey)), [404, 'user_not_found']);
    assert.deepEqual(codeOf(await call('PATCH', `/users/${id}`, otherKey, { status: 'disabled' })), [404, 'user_not_found']);
    assert.deepEqual(codeOf(await call('DELETE', `/users/${id}`, otherKey)), [404, 'user_not_found']);
    assert.deepEqual(codeOf(await call('PATCH', `/credentials/${credential.id}`, otherKey, { name: 'x' })), [404, 'credential_not_found']);
    assert.deepEqual(codeOf(await call('DELETE', `/credentials/${credential.id}`, otherKey)), [404, 'credential_not_found']);
    assert.deepEqual(codeOf(await call('POST', `/users/${id}/registration-grants`, otherKey)), [404, 'user_not_found']);
    assert.deepEqual((await call('GET', '/users?query=kate', otherKey)).body.users, []);
    assert.equal((await call('GET', `/users/${id}`, root)).body.status, 'active');
  });

  it('refuses without a key (401) and without the scope (403), before validating input', async () => {
    assert.deepEqual(codeOf(await call('GET', '/users', null)), [401, 'unauthorized']);
    assert.deepEqual(codeOf(await call('PATCH', '/users/x', null, { bogus: 1 })), [401, 'unauthorized']);
    const reader = (await call('POST', '/api-keys', root, { name: 'reader', scopes: ['users:read'] })).body.secret as string;
    assert.equal((await call('GET', '/users', reader)).status, 200);
    for (const [method, url, body] of [['POST', '/users', { username: 'z' }], ['PATCH', '/users/x', { bogus: 1 }], ['DELETE', '/users/x', undefined], ['GET', '/users/x/credentials', undefined], ['DELETE', '/credentials/x', undefined]] as const) {
      assert.deepEqual(codeOf(await call(method, url, reader, body)), [403, 'forbidden'], `${method} ${url}`);
    }
    assert.deepEqual(codeOf(await call('GET', '/users?limit=0', root)), [400, 'invalid_request']);
    assert.deepEqual(codeOf(await call('GET', '/users?sort=name', root)), [400, 'invalid_request']);
  });
});
