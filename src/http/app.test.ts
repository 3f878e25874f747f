import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import { createTestServices, TEST_ADMIN_KEY, type TestServices } from '../testing/test-services.ts';
import { buildApp } from './app.ts';

const EVERY_DIALECT = ['native', 'biokey', 'swapbits', 'duo'];
const ALL_FOUR = { default: EVERY_DIALECT, acme: EVERY_DIALECT };

describe('HTTP skeleton', () => {
  let s: TestServices;
  let app: FastifyInstance;
  before(async () => {
    s = await createTestServices({ env: { ORIGINS: 'https://app.example.com', RP_ID: 'example.com', RATE_LIMIT_PER_IP: '5', DIALECTS: 'native,biokey,swapbits,duo' } });
    const now = s.clock.now();
    const second = { ...s.core.tenants.defaultTenant(), id: 'tenant-2', slug: 'acme', rpId: 'acme.test', origins: ['https://acme.test'], createdAt: now, updatedAt: now };
    await s.core.storage.tenants.create(second);
    s.core.tenants.put(second);
    app = await buildApp(s);
    app.get('/boom', { config: { rateLimit: { exempt: true } } }, async () => {
      throw new Error('SQLITE_CONSTRAINT: secret table detail');
    });
  });
  after(async () => {
    await app.close();
    await s.dispose();
  });

  it('answers /health while the process runs', async () => {
    const res = await app.inject('/health');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('answers /ready 200 when the stores answer, 503 naming the failing part otherwise', async () => {
    const ok = await app.inject('/ready');
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { status: 'ready', checks: { storage: 'ok', ephemeral: 'ok' }, failing: [], dialects: ALL_FOUR, warnings: [] });
    const broken = { ...s, readiness: [...s.readiness, { name: 'redis', check: async () => { throw new Error('connection refused'); } }] };
    const app2 = await buildApp(broken);
    const res = await app2.inject('/ready');
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { status: 'unavailable', checks: { storage: 'ok', ephemeral: 'ok', redis: 'unavailable' }, failing: ['redis'], dialects: ALL_FOUR, warnings: [] });
    await app2.close();
  });

  it('serves each tenant its own JWKS, at the root, under /t/<slug> and by header', async () => {
    const root = (await app.inject('/.well-known/jwks.json')).json() as { keys: { kid: string }[] };
    const acme = (await app.inject('/t/acme/.well-known/jwks.json')).json() as { keys: { kid: string }[] };
    const byHeader = (await app.inject({ url: '/.well-known/jwks.json', headers: { 'x-sigil-tenant': 'acme' } })).json() as { keys: { kid: string }[] };
    assert.equal(root.keys.length, 1);
    assert.equal(acme.keys.length, 1);
    assert.notEqual(root.keys[0]?.kid, acme.keys[0]?.kid);
    assert.deepEqual(byHeader, acme);
  });

  it('answers an unknown tenant with 404 in the envelope, never with the default tenant', async () => {
    const res = await app.inject('/t/nobody/.well-known/jwks.json');
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { error: { code: 'tenant_not_found', message: 'Unknown tenant.' } });
    const byHeader = await app.inject({ url: '/.well-known/jwks.json', headers: { 'x-sigil-tenant': 'nobody' } });
    assert.equal(byHeader.statusCode, 404);
  });

  it("allows CORS from the tenant's origins only, with credentials", async () => {
    const pre = await app.inject({ method: 'OPTIONS', url: '/.well-known/jwks.json', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' } });
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.equal(pre.headers['access-control-allow-credentials'], 'true');
    const other = await app.inject({ url: '/.well-known/jwks.json', headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    const acmeOnAcme = await app.inject({ url: '/t/acme/.well-known/jwks.json', headers: { origin: 'https://acme.test' } });
    assert.equal(acmeOnAcme.headers['access-control-allow-origin'], 'https://acme.test');
    const defaultOnAcme = await app.inject({ url: '/t/acme/.well-known/jwks.json', headers: { origin: 'https://app.example.com' } });
    assert.equal(defaultOnAcme.headers['access-control-allow-origin'], undefined);
    const admin = await app.inject({ url: '/admin/v1/tenant', headers: { origin: 'https://app.example.com', authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    assert.equal(admin.headers['access-control-allow-origin'], undefined);
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(given.headers['x-request-id'], 'abc-123');
    const bad = await app.inject({ url: '/health', headers: { 'x-request-id': 'a b\nc' } });
    assert.match(String(bad.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('reads a body whose text spells a backslash before u0000 as that text, not as U+0000', async () => {
    // JSON `"a\\\\u0000"` is the seven characters a \ u 0 0 0 0: no NUL, so not refused as one.
    const spelled = await app.inject({ method: 'POST', url: '/attestation/options', headers: { 'content-type': 'application/json' }, payload: '{"username":"spelled","displayName":"a\\\\u0000"}' });
    const plain = await app.inject({ method: 'POST', url: '/attestation/options', headers: { 'content-type': 'application/json' }, payload: '{"username":"spelled","displayName":"a"}' });
    assert.equal(spelled.statusCode, plain.statusCode);
    assert.equal(spelled.statusCode, 200);
  });

  it('refuses an oversized path parameter in the envelope, and allows 130-hex device keys', async () => {
    const long = await app.inject(`/t/${'a'.repeat(2000)}/.well-known/jwks.json`);
    assert.deepEqual([long.statusCode, long.json()], [414, { error: { code: 'invalid_request', message: 'The request URL is malformed or too long.' } }]);
    const key = await app.inject(`/t/${'a'.repeat(200)}/.well-known/jwks.json`);
    assert.equal(key.statusCode, 404);
  });

  it('refuses U+0000 anywhere in a request, in the envelope of the API it was sent to', async () => {
    const body = await app.inject({ method: 'POST', url: '/assertion/options', payload: { username: 'a\u0000b' } });
    assert.deepEqual([body.statusCode, body.json()], [400, { status: 'failed', errorMessage: 'The request is malformed or incomplete.' }]);
    const key = await app.inject({ method: 'POST', url: '/attestation/options', payload: { username: 'a', extensions: { 'x\u0000': 1 } } });
    assert.equal(key.statusCode, 400);
    const path = await app.inject({ url: '/challenge/ali%00ce' });
    assert.equal(path.statusCode, 400);
    const query = await app.inject({ url: '/auth/biometry/challenge?deviceId=%00', headers: { authorization: 'Bearer x' } });
    assert.notEqual(query.statusCode, 500);
    // The CORS preflight route (`OPTIONS *`, found by the route fuzzer) is refused in Sigil's envelope too.
    const preflight = await app.inject({ method: 'OPTIONS', url: '/x?y=%00' });
    assert.deepEqual([preflight.statusCode, preflight.json()], [400, { error: { code: 'invalid_request', message: 'The request is malformed or incomplete.' } }]);
    // So are the reference page's own routes (Swagger UI's plugin, found by the route fuzzer).
    const docs = await app.inject({ url: '/docs/yaml?y=%00' });
    assert.deepEqual([docs.statusCode, docs.json()], [400, { error: { code: 'invalid_request', message: 'The request is malformed or incomplete.' } }]);
  });

  it('renders an internal failure as an opaque 500', async () => {
    const res = await app.inject('/boom');
    assert.equal(res.statusCode, 500);
    assert.deepEqual(res.json(), { error: { code: 'internal_error', message: 'Internal server error.' } });
    assert.equal(res.body.includes('SQLITE'), false);
  });

  it('limits per tenant and client IP, answering 429 with Retry-After in the envelope', async () => {
    const hit = (url: string, ip = '10.0.0.1') => app.inject({ url, remoteAddress: ip });
    for (let i = 0; i < 5; i++) assert.equal((await hit('/.well-known/jwks.json')).statusCode, 200);
    const limited = await hit('/.well-known/jwks.json');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.headers['retry-after'], '60');
    assert.deepEqual(limited.json(), { error: { code: 'rate_limited', message: 'Too many requests; retry later.' } });
    assert.equal((await hit('/.well-known/jwks.json', '10.0.0.2')).statusCode, 200, 'another IP has its own counter');
    assert.equal((await hit('/t/acme/.well-known/jwks.json')).statusCode, 200, 'another tenant has its own counter');
    s.clock.advance(60_000);
    assert.equal((await hit('/.well-known/jwks.json')).statusCode, 200, 'the window passes');
  });

  it('guards the management API with scoped, hashed API keys', async () => {
    const none = await app.inject('/admin/v1/tenant');
    assert.equal(none.statusCode, 401);
    assert.deepEqual(none.json(), { error: { code: 'unauthorized', message: 'Authentication is required.' } });
    assert.equal((await app.inject({ url: '/admin/v1/tenant', headers: { authorization: 'Bearer wrong-key-of-sufficient-length' } })).statusCode, 401);
    const ok = await app.inject({ url: '/admin/v1/tenant', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    assert.equal(ok.statusCode, 200);
    const tenant = ok.json() as Record<string, unknown>;
    assert.equal(tenant.rpId, 'example.com');
    assert.deepEqual(tenant.origins, ['https://app.example.com']);
    const audit = await app.inject({ url: '/admin/v1/audit?limit=2', headers: { 'x-api-key': TEST_ADMIN_KEY } });
    assert.equal(audit.statusCode, 200);
    assert.equal((audit.json() as { events: unknown[] }).events.length, 2);
    const bad = await app.inject({ url: '/admin/v1/audit?limit=0', headers: { 'x-api-key': TEST_ADMIN_KEY } });
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as { error: { code: string } }).error.code, 'invalid_request');
  });
});
