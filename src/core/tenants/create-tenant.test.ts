import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authenticateApiKey } from '../api-keys/authenticate-api-key.ts';
import { DomainError } from '../errors.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';
import { createTenant } from './create-tenant.ts';

const ctx = { requestId: null, ip: null, actor: 'cli', logger: { info() {}, warn() {}, error() {} } };

describe('createTenant', () => {
  let s: TestServices;
  before(async () => {
    s = await createTestServices();
  });
  after(() => s.dispose());

  it('stores a tenant with default policies and an admin key for it alone', async () => {
    const { tenant, adminKey } = await createTenant(s.core, ctx, { slug: 'shop', rpId: 'shop.example.com', rpName: 'Shop', origins: ['https://shop.example.com'] });
    assert.deepEqual(await s.core.storage.tenants.getBySlug('shop'), tenant);
    assert.equal(tenant.policies.challengeTtlSeconds, 300);
    assert.deepEqual(tenant.dialects, { native: {} }, 'a new tenant serves the native API only');
    await s.core.tenants.reload();
    const principal = await authenticateApiKey(s.core, adminKey, { scope: 'users:write' });
    assert.equal(principal.tenant.slug, 'shop');
    const [created] = await s.core.storage.audit.list(tenant.id, { limit: 10 }).then((events) => events.filter((e) => e.action === 'tenant.created'));
    assert.deepEqual(created?.detail, { slug: 'shop', dialects: ['native'] });
  });

  it('stores the dialects it is given', async () => {
    const { tenant } = await createTenant(s.core, ctx, { slug: 'vendor', rpId: 'vendor.example.com', rpName: 'Vendor', origins: ['https://vendor.example.com'], dialects: { biokey: { insecureLegacyMode: false }, duo: { hookSecretHash: null } } });
    assert.deepEqual((await s.core.storage.tenants.getBySlug('vendor'))?.dialects, { biokey: { insecureLegacyMode: false }, duo: { hookSecretHash: null } });
    assert.equal(tenant.slug, 'vendor');
  });

  it('refuses a taken slug and an invalid shape, storing nothing', async () => {
    const refused = (e: unknown) => e instanceof DomainError && e.code === 'invalid_request';
    await assert.rejects(createTenant(s.core, ctx, { slug: 'default', rpId: 'x.example.com', rpName: 'X', origins: ['https://x.example.com'] }), refused);
    await assert.rejects(createTenant(s.core, ctx, { slug: 'Bad Slug', rpId: 'x.example.com', rpName: 'X', origins: ['https://x.example.com'] }), refused);
    await assert.rejects(createTenant(s.core, ctx, { slug: 'noorigins', rpId: 'x.example.com', rpName: 'X', origins: [] }), refused);
    assert.equal(await s.core.storage.tenants.getBySlug('noorigins'), null);
  });
});
