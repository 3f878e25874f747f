import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

export function describeApiKeys({ storage, fixtures }: ContractContext): void {
  describe('api keys', () => {
    const tenant = async () => {
      const t = fixtures.tenant();
      await storage().tenants.create(t);
      return t.id;
    };

    it('reads a created key back by lookup id, scopes and nulls exact', async () => {
      const tenantId = await tenant();
      const key = fixtures.apiKey(tenantId, { scopes: ['users:read', 'users:write', 'audit:read'] });
      await storage().apiKeys.create(key);
      assert.deepEqual(await storage().apiKeys.getByLookupId(key.lookupId), key);
      assert.equal(await storage().apiKeys.getByLookupId('unknown-lookup-id'), null);
    });

    it('refuses a second key with the same lookup id', async () => {
      const tenantId = await tenant();
      const key = fixtures.apiKey(tenantId);
      await storage().apiKeys.create(key);
      await assert.rejects(storage().apiKeys.create(fixtures.apiKey(await tenant(), { lookupId: key.lookupId })));
      assert.deepEqual(await storage().apiKeys.getByLookupId(key.lookupId), key);
    });

    it('lists a tenant’s keys in creation order', async () => {
      const tenantId = await tenant();
      const second = fixtures.apiKey(tenantId, { createdAt: T0 + 2, scopes: [] });
      const first = fixtures.apiKey(tenantId, { createdAt: T0 + 1, lastUsedAt: T0 + 3 });
      await storage().apiKeys.create(second);
      await storage().apiKeys.create(first);
      assert.deepEqual(await storage().apiKeys.listByTenant(tenantId), [first, second]);
    });

    it('revoke is a transition that keeps the first revocation time; touch records use', async () => {
      const tenantId = await tenant();
      const key = fixtures.apiKey(tenantId);
      await storage().apiKeys.create(key);
      await storage().apiKeys.touch(tenantId, key.id, T0 + 40);
      assert.equal(await storage().apiKeys.revoke(tenantId, key.id, T0 + 50), true);
      assert.equal(await storage().apiKeys.revoke(tenantId, key.id, T0 + 60), false);
      assert.equal(await storage().apiKeys.revoke(tenantId, fixtures.id(), T0 + 60), false);
      assert.deepEqual(await storage().apiKeys.getByLookupId(key.lookupId), { ...key, lastUsedAt: T0 + 40, revokedAt: T0 + 50 });
    });
  });
}
