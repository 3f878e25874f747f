import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import type { Tenant } from '../core/tenant.ts';
import type { Dialect } from '../dialects/dialect.ts';
import { dialectRegistry, DIALECTS } from '../dialects/registry.ts';
import { createTestServices, type TestServices } from '../testing/test-services.ts';
import { buildApp } from './app.ts';

const BIOKEY_404 = { error: 'Not found' };
const SWAPBITS_404 = { statusCode: 404, message: 'Not Found' };
const DUO_404 = { error: { code: 100002, message: 'Not found.' } };
const NATIVE_404 = { status: 'failed', errorMessage: 'Not found.' };

describe('dialects are tenant switches', () => {
  let s: TestServices;
  let app: FastifyInstance;
  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: object) => {
    const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    return [res.statusCode, res.json()] as const;
  };

  before(async () => {
    // No DIALECTS: the default tenant, new, serves the native API only.
    s = await createTestServices({ env: { RATE_LIMIT_ENABLED: 'false' } });
    const now = s.clock.now();
    const base = s.core.tenants.defaultTenant();
    const tenants: Tenant[] = [
      { ...base, id: 'tenant-acme', slug: 'acme', createdAt: now, updatedAt: now, dialects: { native: {}, biokey: { insecureLegacyMode: false }, swapbits: {}, duo: { hookSecretHash: null } } },
      { ...base, id: 'tenant-keys', slug: 'keys', createdAt: now, updatedAt: now, dialects: { biokey: { insecureLegacyMode: false } } },
    ];
    for (const t of tenants) {
      await s.core.storage.tenants.create(t);
      s.core.tenants.put(t);
    }
    app = await buildApp(s);
  });
  after(async () => {
    await app.close();
    await s.dispose();
  });

  it('by default serves only the native API', async () => {
    assert.deepEqual(s.core.tenants.defaultTenant().dialects, { native: {} });
    const [status, body] = await call('POST', '/assertion/options', {}, {});
    assert.equal(status, 200);
    assert.equal((body as { status: string }).status, 'ok');
  });

  it('answers a disabled dialect 404 in its own envelope, on the root and under /t/<slug>, before auth or the body', async () => {
    for (const prefix of ['', '/t/default']) {
      assert.deepEqual(await call('GET', `${prefix}/`), [404, BIOKEY_404]);
      assert.deepEqual(await call('GET', `${prefix}/challenge`), [404, BIOKEY_404]);
      assert.deepEqual(await call('GET', `${prefix}/challenge/alice`), [404, BIOKEY_404]);
      assert.deepEqual(await call('POST', `${prefix}/enroll`, {}, { userId: 'alice', publicKey: 'ab'.repeat(32), deviceId: 'd' }), [404, BIOKEY_404]);
      assert.deepEqual(await call('POST', `${prefix}/verify`, {}, {}), [404, BIOKEY_404]);
      assert.deepEqual(await call('GET', `${prefix}/auth/biometry/devices`), [404, SWAPBITS_404]);
      assert.deepEqual(await call('DELETE', `${prefix}/auth/biometry/devices/x`, { authorization: 'Bearer nonsense' }), [404, SWAPBITS_404]);
      assert.deepEqual(await call('GET', `${prefix}/v2/keys`), [404, DUO_404]);
      assert.deepEqual(await call('GET', `${prefix}/auth/devices/challenge/abc`), [404, DUO_404]);
      assert.deepEqual(await call('POST', `${prefix}/hooks/dkg-setup-validation`, { authorization: 'Bearer secret' }, {}), [404, DUO_404]);
    }
  });

  it('serves a dialect on the tenant that enabled it and not on another', async () => {
    assert.deepEqual(await call('GET', '/t/acme/'), [200, { name: 'biokey-server', version: '0.1.0' }]);
    assert.deepEqual(await call('GET', '/', { 'x-sigil-tenant': 'acme' }), [200, { name: 'biokey-server', version: '0.1.0' }]);
    assert.deepEqual(await call('GET', '/t/acme/auth/biometry/devices'), [401, { statusCode: 401, message: 'Unauthorized' }]);
    assert.deepEqual(await call('GET', '/t/acme/v2/keys'), [401, { error: { code: 100101, message: 'Authentication is required.' } }]);
    // keys serves BioKey alone: even the native API is off there.
    assert.deepEqual(await call('GET', '/t/keys/'), [200, { name: 'biokey-server', version: '0.1.0' }]);
    assert.deepEqual(await call('POST', '/t/keys/assertion/options', {}, {}), [404, NATIVE_404]);
    assert.deepEqual(await call('GET', '/t/keys/v2/keys'), [404, DUO_404]);
  });

  it('keeps answering an unknown tenant as before, and an unknown path in Sigil\'s envelope', async () => {
    assert.deepEqual(await call('GET', '/t/nobody/'), [404, { error: 'Unknown tenant' }]);
    assert.deepEqual(await call('GET', '/nothing-here'), [404, { error: { code: 'not_found', message: 'No route GET /nothing-here' } }]);
  });

  it('lists in /ready what each tenant serves', async () => {
    const [, body] = await call('GET', '/ready');
    assert.deepEqual((body as { dialects: unknown }).dialects, { default: ['native'], acme: ['native', 'biokey', 'swapbits', 'duo'], keys: ['biokey'] });
  });

  it('refuses to start when a dialect registers a route it did not declare', async () => {
    const sneaky: Dialect = { ...DIALECTS[0] as Dialect, routes: ['POST /attestation/options'] };
    await assert.rejects(buildApp({ ...s, dialects: dialectRegistry([sneaky]) }), { message: 'dialect native registers "POST /attestation/result" but does not declare it in its routes' });
  });
});
