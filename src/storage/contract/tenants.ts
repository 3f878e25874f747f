import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Tenant } from '../../core/tenant.ts';
import { assertDomainError } from './context.ts';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

export function describeTenants({ storage, fixtures }: ContractContext): void {
  describe('tenants', () => {
    const custom = (): Tenant =>
      fixtures.tenant({
        origins: ['https://login.example.com', 'android:apk-key-hash:' + 'A'.repeat(43), 'ios:bundle-id:com.example.app'],
        policies: {
          userVerification: 'required',
          attestation: 'direct',
          algorithms: [-8, -7],
          challengeTtlSeconds: 120,
          accessTokenTtlSeconds: 600,
          allowSignUp: false,
          insecureOpenRegistrationForExistingUsers: true,
          insecureAllowLoginWithoutUserPresence: true,
        },
        integrations: {
          identityProvider: { issuer: 'https://idp.example.com', audience: 'sigil', jwksUrl: 'https://idp.example.com/jwks' },
          faceTec: { url: 'https://facetec.example.com', deviceKey: 'dk-1', minMatchLevel: 6 },
        },
        dialects: { native: {}, biokey: { insecureLegacyMode: true }, duo: { hookSecretHash: 'ab'.repeat(32), nested: { list: [1, 'two', null, false] } } },
      });

    it('reads a created tenant back by id and by slug, every field exact', async () => {
      const tenant = custom();
      await storage().tenants.create(tenant);
      assert.deepEqual(await storage().tenants.getById(tenant.id), tenant);
      assert.deepEqual(await storage().tenants.getBySlug(tenant.slug), tenant);
    });

    it('returns null for an unknown id or slug', async () => {
      assert.equal(await storage().tenants.getById(fixtures.id()), null);
      assert.equal(await storage().tenants.getBySlug('no-such-tenant'), null);
    });

    it('refuses a taken slug with invalid_request and keeps the first tenant', async () => {
      const first = fixtures.tenant();
      await storage().tenants.create(first);
      await assertDomainError(storage().tenants.create(fixtures.tenant({ slug: first.slug })), 'invalid_request');
      assert.deepEqual(await storage().tenants.getBySlug(first.slug), first);
    });

    it('update replaces the mutable fields and keeps id, slug and createdAt', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const changed = custom();
      await storage().tenants.update({ ...changed, id: tenant.id, slug: 'ignored-slug', createdAt: 1, updatedAt: T0 + 9999 });
      const expected: Tenant = { ...changed, id: tenant.id, slug: tenant.slug, createdAt: tenant.createdAt, updatedAt: T0 + 9999 };
      assert.deepEqual(await storage().tenants.getById(tenant.id), expected);
      assert.equal(await storage().tenants.getBySlug('ignored-slug'), null);
    });

    it('lists tenants in creation order', async () => {
      const later = fixtures.tenant({ createdAt: T0 + 5_000_000 });
      const earlier = fixtures.tenant({ createdAt: T0 + 4_000_000 });
      await storage().tenants.create(later);
      await storage().tenants.create(earlier);
      const ids = (await storage().tenants.list()).map((t) => t.id).filter((id) => id === later.id || id === earlier.id);
      assert.deepEqual(ids, [earlier.id, later.id]);
    });
  });
}
