import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

/** Nothing addressed with tenant A's id ever reads or changes a row of tenant B. */
export function describeTenantIsolation({ storage, fixtures }: ContractContext): void {
  describe('tenant isolation', () => {
    const seedTenant = async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const user = fixtures.user(tenant.id, { username: 'shared-name' });
      await storage().users.create(user);
      const credential = fixtures.deviceKey(tenant.id, user.id, { deviceId: 'device-1' });
      await storage().credentials.create(credential);
      const apiKey = fixtures.apiKey(tenant.id);
      await storage().apiKeys.create(apiKey);
      const signingKey = fixtures.signingKey(tenant.id);
      await storage().signingKeys.create(signingKey);
      const event = fixtures.auditEvent(tenant.id);
      await storage().audit.append(event);
      const jti = fixtures.id();
      await storage().revokedTokens.revoke(tenant.id, jti, T0 + 10 ** 13);
      return { id: tenant.id, user, credential, apiKey, signingKey, event, jti };
    };

    it('reads of tenant A never return tenant B’s rows', async () => {
      const a = await seedTenant();
      const b = await seedTenant();
      const s = storage();
      assert.equal(await s.users.getById(a.id, b.user.id), null);
      assert.deepEqual(await s.users.getByUsername(a.id, 'shared-name'), a.user);
      assert.deepEqual(await s.users.list(a.id, { limit: 100 }), [a.user]);
      assert.equal(await s.credentials.getById(a.id, b.credential.id), null);
      assert.equal(await s.credentials.getByCredentialId(a.id, b.credential.credentialId), null);
      assert.deepEqual(await s.credentials.listByUser(a.id, b.user.id), []);
      assert.equal(await s.credentials.getByDevice(a.id, b.user.id, 'device_key', 'device-1'), null);
      assert.deepEqual(await s.apiKeys.listByTenant(a.id), [a.apiKey]);
      assert.deepEqual(await s.apiKeys.getByLookupId(b.apiKey.lookupId), b.apiKey);
      assert.deepEqual(await s.signingKeys.listByTenant(a.id), [a.signingKey]);
      assert.deepEqual(await s.audit.list(a.id, { limit: 100 }), [a.event]);
      assert.equal(await s.revokedTokens.isRevoked(a.id, b.jti), false);
    });

    it('writes addressed to tenant A report nothing found and leave tenant B unchanged', async () => {
      const a = await seedTenant();
      const b = await seedTenant();
      const s = storage();
      const use = { signCount: 4, backupEligible: true, backupState: true, lastUsedAt: T0 };
      assert.equal(await s.users.update(a.id, b.user.id, { displayName: 'hijacked', status: 'disabled', updatedAt: T0 }), null);
      assert.equal(await s.credentials.recordUse(a.id, b.credential.id, 0, use), false);
      assert.equal(await s.credentials.markUsed(a.id, b.credential.id, T0), false);
      assert.equal(await s.credentials.setStatus(a.id, b.credential.id, 'revoked', T0), false);
      assert.equal(await s.credentials.rename(a.id, b.credential.id, 'hijacked'), false);
      assert.equal(await s.credentials.delete(a.id, b.credential.id), false);
      assert.equal(await s.apiKeys.revoke(a.id, b.apiKey.id, T0), false);
      await s.apiKeys.touch(a.id, b.apiKey.id, T0 + 1);
      assert.equal(await s.signingKeys.retire(a.id, b.signingKey.kid, T0), false);

      assert.deepEqual(await s.users.getById(b.id, b.user.id), b.user);
      assert.deepEqual(await s.credentials.getById(b.id, b.credential.id), b.credential);
      assert.deepEqual(await s.apiKeys.listByTenant(b.id), [b.apiKey]);
      assert.deepEqual(await s.signingKeys.listByTenant(b.id), [b.signingKey]);
      assert.deepEqual(await s.audit.list(b.id, { limit: 100 }), [b.event]);
      assert.equal(await s.revokedTokens.isRevoked(b.id, b.jti), true);
    });
  });
}
