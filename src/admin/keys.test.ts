import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../http/app.ts';
import { createTestServices, TEST_ADMIN_KEY, type TestServices } from '../testing/test-services.ts';
import { adminClient, codeOf } from './admin-test-client.ts';

describe('management API: API keys, signing keys, audit filters', () => {
  let s: TestServices;
  let app: FastifyInstance;
  let call: ReturnType<typeof adminClient>;
  let otherKey: string;
  const root = TEST_ADMIN_KEY;
  const iso = (ms: number) => new Date(ms).toISOString();

  before(async () => {
    s = await createTestServices({ env: { RP_ID: 'example.com', ORIGINS: 'https://app.example.com' } });
    app = await buildApp(s);
    call = adminClient(app);
    otherKey = (await call('POST', '/tenants', root, { slug: 'other', rpId: 'other.example.com', origins: ['https://other.example.com'] })).body.adminKey as string;
  });
  after(async () => {
    await app.close();
    await s.dispose();
  });

  it('issues a key with scopes and an expiry, shows its secret once, lists keys without secrets', async () => {
    const expiresAt = iso(s.clock.now() + 3_600_000);
    const res = await call('POST', '/api-keys', root, { name: 'ci', scopes: ['users:read', 'audit:read'], expiresAt });
    assert.equal(res.status, 201);
    assert.match(res.body.secret, /^sigil_sk_[\w-]{43}$/);
    assert.deepEqual(res.body.apiKey, { id: res.body.apiKey.id, name: 'ci', scopes: ['users:read', 'audit:read'], createdAt: iso(s.clock.now()), expiresAt, revokedAt: null, lastUsedAt: null });
    const list = await call('GET', '/api-keys', root);
    const listed = list.body.apiKeys.find((k: { id: string }) => k.id === res.body.apiKey.id);
    assert.deepEqual(listed, res.body.apiKey);
    assert.doesNotMatch(JSON.stringify(list.body), /secret|Hash|lookup/i);
    assert.equal((await call('GET', '/users', res.body.secret)).status, 200);
    s.clock.advance(3_600_000);
    assert.deepEqual(codeOf(await call('GET', '/users', res.body.secret)), [401, 'unauthorized'], 'an expired key is refused');
  });

  it('lets a key grant only scopes it holds', async () => {
    const limited = (await call('POST', '/api-keys', root, { name: 'keys', scopes: ['api-keys:write', 'users:read'] })).body.secret as string;
    assert.equal((await call('POST', '/api-keys', limited, { name: 'sub', scopes: ['users:read'] })).status, 201);
    const beyond = await call('POST', '/api-keys', limited, { name: 'sub', scopes: ['users:read', 'users:write'] });
    assert.deepEqual(codeOf(beyond), [403, 'forbidden']);
    assert.match(beyond.body.error.message, /does not hold users:write/);
    assert.deepEqual(codeOf(await call('POST', '/api-keys', limited, { name: 'all', scopes: ['*'] })), [403, 'forbidden']);
    for (const bad of [{ name: 'x', scopes: [] }, { name: 'x', scopes: ['root'] }, { name: '', scopes: ['users:read'] }, { name: 'x', scopes: ['users:read'], expiresAt: 'tomorrow' }, { name: 'x', scopes: ['users:read'], expiresAt: iso(s.clock.now() - 1) }]) {
      assert.deepEqual(codeOf(await call('POST', '/api-keys', root, bad)), [400, 'invalid_request'], JSON.stringify(bad));
    }
  });

  it("revokes a key at once; another tenant's key is a 404", async () => {
    const { apiKey, secret } = (await call('POST', '/api-keys', root, { name: 'temp', scopes: ['users:read'] })).body;
    assert.deepEqual(codeOf(await call('DELETE', `/api-keys/${apiKey.id}`, otherKey)), [404, 'not_found']);
    assert.equal((await call('GET', '/users', secret)).status, 200);
    const revoked = await call('DELETE', `/api-keys/${apiKey.id}`, root);
    assert.deepEqual([revoked.status, revoked.body.revokedAt], [200, iso(s.clock.now())]);
    assert.deepEqual(codeOf(await call('GET', '/users', secret)), [401, 'unauthorized']);
    assert.equal((await call('GET', '/api-keys', otherKey)).body.apiKeys.some((k: { id: string }) => k.id === apiKey.id), false);
    const [event] = await s.core.storage.audit.list(s.core.tenants.defaultTenant().id, { limit: 1, action: 'api-key.revoked', subject: `api-key:${apiKey.id}` });
    assert.equal(event?.outcome, 'success');
  });

  it('lists signing keys with their state and until when a retired one verifies', async () => {
    const before = (await call('GET', '/signing-keys', root)).body.signingKeys;
    assert.deepEqual(before.map((k: { state: string }) => k.state), ['current']);
    const rotatedAt = s.clock.now();
    const rotated = await call('POST', '/signing-keys/rotate', root);
    assert.equal(rotated.status, 200);
    const after = (await call('GET', '/signing-keys', root)).body.signingKeys;
    assert.deepEqual(after.map((k: { kid: string; state: string }) => [k.kid, k.state]), [[rotated.body.kid, 'current'], [before[0].kid, 'retired']]);
    // Retired keys verify for the longest token lifetime (900 s) plus one key refresh (60 s).
    assert.equal(after[1].verifiesUntil, iso(rotatedAt + 900_000 + 60_000));
    s.clock.advance(960_000);
    assert.equal((await call('GET', '/signing-keys', root)).body.signingKeys[1].state, 'expired');
    // The other tenant's first key is made when it first signs a token: none yet, and none of ours.
    assert.deepEqual((await call('GET', '/signing-keys', otherKey)).body.signingKeys, []);
    const reader = (await call('POST', '/api-keys', root, { name: 'r', scopes: ['audit:read'] })).body.secret as string;
    assert.deepEqual(codeOf(await call('GET', '/signing-keys', reader)), [403, 'forbidden']);
    assert.deepEqual(codeOf(await call('GET', '/signing-keys', null)), [401, 'unauthorized']);
  });

  it('filters the audit log by action, subject, actor, outcome and time range', async () => {
    const start = s.clock.now();
    s.clock.advance(1000);
    const user = (await call('POST', '/users', otherKey, { username: 'audited' })).body;
    s.clock.advance(1000);
    await call('PATCH', `/users/${user.id}`, otherKey, { status: 'disabled' });
    const q = async (query: string) => (await call('GET', `/audit?${query}`, otherKey)).body.events.map((e: { action: string }) => e.action);
    assert.deepEqual(await q(`subject=user:${user.id}`), ['user.disabled', 'user.created']);
    assert.deepEqual(await q(`action=user.disabled`), ['user.disabled']);
    assert.deepEqual(await q(`since=${iso(start + 1500)}`), ['user.disabled']);
    assert.deepEqual(await q(`since=${iso(start)}&until=${iso(start + 1500)}`), ['user.created']);
    assert.deepEqual(await q('outcome=failure'), []);
    const actor = (await call('GET', `/audit?action=user.created&subject=user:${user.id}`, otherKey)).body.events[0].actor as string;
    assert.match(actor, /^api-key:/);
    assert.deepEqual(await q(`actor=${actor}&subject=user:${user.id}`), ['user.disabled', 'user.created']);
    assert.deepEqual((await call('GET', `/audit?subject=user:${user.id}`, root)).body.events, [], 'another tenant sees none of it');
    assert.deepEqual(codeOf(await call('GET', '/audit?since=yesterday', otherKey)), [400, 'invalid_request']);
    assert.deepEqual(codeOf(await call('GET', '/audit?outcome=maybe', otherKey)), [400, 'invalid_request']);
    assert.deepEqual(codeOf(await call('GET', '/audit', null)), [401, 'unauthorized']);
  });
});
