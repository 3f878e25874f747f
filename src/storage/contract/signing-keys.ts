import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

export function describeSigningKeys({ storage, fixtures }: ContractContext): void {
  describe('signing keys', () => {
    it('lists a tenant’s keys newest first, JWK exact', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const older = fixtures.signingKey(tenant.id, { createdAt: T0 + 1 });
      const newer = fixtures.signingKey(tenant.id, { createdAt: T0 + 2 });
      await storage().signingKeys.create(older);
      await storage().signingKeys.create(newer);
      assert.deepEqual(await storage().signingKeys.listByTenant(tenant.id), [newer, older]);
    });

    it('retire is a transition that keeps the first retirement time', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const key = fixtures.signingKey(tenant.id);
      await storage().signingKeys.create(key);
      assert.equal(await storage().signingKeys.retire(tenant.id, key.kid, T0 + 70), true);
      assert.equal(await storage().signingKeys.retire(tenant.id, key.kid, T0 + 80), false);
      assert.equal(await storage().signingKeys.retire(tenant.id, 'unknown-kid', T0 + 80), false);
      assert.deepEqual(await storage().signingKeys.listByTenant(tenant.id), [{ ...key, status: 'retired', retiredAt: T0 + 70 }]);
    });
  });
}
