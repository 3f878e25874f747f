import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

/** Whole-account removals: everything of the user goes, nothing of anyone else. */
export function describeAccounts({ storage, fixtures }: ContractContext): void {
  // The port asks for a unit of work around a whole-account deletion.
  const deleteUser = (tenantId: string, userId: string): Promise<boolean> => storage().transaction((s) => s.accounts.deleteUser(tenantId, userId));
  describe('accounts', () => {
    it('deletes a user with credentials, devices, linked identities, MPC keys, backups, face and dialect sign-ups; other users keep theirs', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const [gone, kept] = [fixtures.user(tenant.id), fixtures.user(tenant.id)];
      for (const u of [gone, kept]) {
        await storage().users.create(u);
        await storage().credentials.create(fixtures.credential(tenant.id, u.id));
        await storage().clientDevices.save({ id: fixtures.id(), tenantId: tenant.id, userId: u.id, info: {}, createdAt: T0, lastUsedAt: T0 });
        await storage().externalIdentities.link({ tenantId: tenant.id, issuer: 'https://idp.example', subject: u.id, userId: u.id, createdAt: T0 });
        await storage().dialectUsers.register({ tenantId: tenant.id, userId: u.id, dialect: 'duo', registeredAt: T0 });
        await storage().faces.enroll({ tenantId: tenant.id, userId: u.id, faceRef: `f-${u.id}`, registeredAt: T0 });
        await storage().mpcKeys.add({ tenantId: tenant.id, keyId: `k-${u.id}`, userId: u.id, deviceCredentialId: 'd', instance: 'i', createdAt: T0 });
        await storage().keyshares.putAll([{ tenantId: tenant.id, keyId: `k-${u.id}`, userId: u.id, sealedKeyshare: 's1.x', createdAt: T0 }]);
      }
      assert.equal(await deleteUser(tenant.id, gone.id), true);
      assert.equal(await storage().users.getById(tenant.id, gone.id), null);
      assert.deepEqual(await storage().credentials.listByUser(tenant.id, gone.id), []);
      assert.deepEqual(await storage().clientDevices.listByUser(tenant.id, gone.id), []);
      assert.equal(await storage().externalIdentities.findUserId(tenant.id, 'https://idp.example', gone.id), null);
      assert.equal(await storage().mpcKeys.get(tenant.id, `k-${gone.id}`), null);
      assert.equal(await storage().keyshares.get(tenant.id, `k-${gone.id}`), null);
      assert.equal(await storage().faces.get(tenant.id, gone.id), null);
      assert.equal(await storage().dialectUsers.get(tenant.id, gone.id, 'duo'), null);
      assert.equal(await deleteUser(tenant.id, gone.id), false);
      assert.equal((await storage().credentials.listByUser(tenant.id, kept.id)).length, 1);
      assert.equal((await storage().clientDevices.listByUser(tenant.id, kept.id)).length, 1);
      assert.notEqual(await storage().keyshares.get(tenant.id, `k-${kept.id}`), null);
      assert.notEqual(await storage().faces.get(tenant.id, kept.id), null);
    });

    it('deletes a user once: of two concurrent deletions exactly one reports it', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const u = fixtures.user(tenant.id);
      await storage().users.create(u);
      await storage().credentials.create(fixtures.credential(tenant.id, u.id));
      const results = await Promise.all([deleteUser(tenant.id, u.id), deleteUser(tenant.id, u.id)]);
      assert.deepEqual(results.sort(), [false, true]);
      assert.equal(await storage().users.getById(tenant.id, u.id), null);
    });

    it("deletes a user's credentials of one kind only, and never another tenant's user", async () => {
      const [x, y] = [fixtures.tenant(), fixtures.tenant()];
      for (const t of [x, y]) await storage().tenants.create(t);
      const u = fixtures.user(x.id);
      await storage().users.create(u);
      await storage().credentials.create(fixtures.credential(x.id, u.id));
      await storage().credentials.create(fixtures.credential(x.id, u.id));
      await storage().credentials.create(fixtures.deviceKey(x.id, u.id));
      assert.equal(await storage().accounts.deleteCredentials(y.id, u.id, 'passkey'), 0);
      assert.equal(await deleteUser(y.id, u.id), false);
      assert.equal(await storage().accounts.deleteCredentials(x.id, u.id, 'passkey'), 2);
      assert.deepEqual((await storage().credentials.listByUser(x.id, u.id)).map((c) => c.kind), ['device_key']);
      assert.notEqual(await storage().users.getById(x.id, u.id), null);
    });
  });
}
