import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Storage } from '../../core/ports.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { User } from '../../core/user.ts';
import type { ContractContext } from './context.ts';
import type { Fixtures } from './fixtures.ts';
import { T0 } from './fixtures.ts';

/** A user holding one of every kind of record a user can own. */
async function seedOwner(storage: Storage, fixtures: Fixtures, tenant: Tenant): Promise<User> {
  const user = fixtures.user(tenant.id);
  await storage.users.create(user);
  const device = fixtures.deviceKey(tenant.id, user.id);
  await storage.credentials.create(fixtures.credential(tenant.id, user.id));
  await storage.credentials.create(device);
  await storage.faces.enroll({ tenantId: tenant.id, userId: user.id, faceRef: `face-${user.id}`, registeredAt: T0 });
  await storage.dialectUsers.register({ tenantId: tenant.id, userId: user.id, dialect: 'duo', registeredAt: T0 });
  await storage.externalIdentities.link({ tenantId: tenant.id, issuer: 'https://idp.example.com', subject: user.id, userId: user.id, createdAt: T0 });
  const keyId = Buffer.from(fixtures.bytes(8)).toString('hex');
  await storage.mpcKeys.add({ tenantId: tenant.id, keyId, userId: user.id, deviceCredentialId: device.id, instance: 'ab', createdAt: T0 });
  await storage.keyshares.putAll([{ tenantId: tenant.id, keyId, userId: user.id, sealedKeyshare: 'v1.sealed', createdAt: T0 }]);
  await storage.clientDevices.save({ id: fixtures.id(), tenantId: tenant.id, userId: user.id, info: { browser: 'Firefox' }, createdAt: T0, lastUsedAt: T0 });
  return user;
}

async function ownsNothing(storage: Storage, tenantId: string, userId: string): Promise<void> {
  assert.equal(await storage.users.getById(tenantId, userId), null);
  assert.deepEqual(await storage.credentials.listByUser(tenantId, userId), []);
  assert.equal(await storage.faces.get(tenantId, userId), null);
  assert.equal(await storage.dialectUsers.get(tenantId, userId, 'duo'), null);
  assert.equal(await storage.externalIdentities.findUserId(tenantId, 'https://idp.example.com', userId), null);
  assert.deepEqual(await storage.mpcKeys.listByUser(tenantId, userId), []);
  assert.deepEqual(await storage.keyshares.listByUser(tenantId, userId), []);
  assert.deepEqual(await storage.clientDevices.listByUser(tenantId, userId), []);
}

/** What the management API needs beyond the ceremonies: statuses, deletion, search, filters. */
export function describeManagement({ storage, fixtures }: ContractContext): void {
  describe('management', () => {
    it('stores a tenant status and updates it', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      assert.equal((await storage().tenants.getById(tenant.id))?.status, 'active');
      await storage().tenants.update({ ...tenant, status: 'disabled', updatedAt: T0 + 9 });
      assert.deepEqual(await storage().tenants.getById(tenant.id), { ...tenant, status: 'disabled', updatedAt: T0 + 9 });
    });

    it('stores an API key expiry exactly, above 2^32 ms', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const key = fixtures.apiKey(tenant.id, { expiresAt: T0 + 86_400_000 });
      await storage().apiKeys.create(key);
      assert.deepEqual(await storage().apiKeys.getByLookupId(key.lookupId), key);
    });

    it('deletes a user with everything they own, in one unit of work, leaving other users alone', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const gone = await seedOwner(storage(), fixtures, tenant);
      const kept = await seedOwner(storage(), fixtures, tenant);
      assert.equal(await storage().transaction((tx) => tx.users.delete(tenant.id, gone.id)), true);
      await ownsNothing(storage(), tenant.id, gone.id);
      assert.deepEqual(await storage().users.getById(tenant.id, kept.id), kept);
      assert.equal((await storage().credentials.listByUser(tenant.id, kept.id)).length, 2);
      assert.equal((await storage().clientDevices.listByUser(tenant.id, kept.id)).length, 1);
      assert.equal(await storage().users.delete(tenant.id, gone.id), false);
    });

    it('does not delete a user by id through another tenant', async () => {
      const [a, b] = [fixtures.tenant(), fixtures.tenant()];
      await storage().tenants.create(a);
      await storage().tenants.create(b);
      const user = await seedOwner(storage(), fixtures, a);
      assert.equal(await storage().users.delete(b.id, user.id), false);
      assert.deepEqual(await storage().users.getById(a.id, user.id), user);
      assert.equal((await storage().credentials.listByUser(a.id, user.id)).length, 2);
    });

    it('deletes a tenant with everything it owns but its audit log, leaving other tenants alone', async () => {
      const [gone, kept] = [fixtures.tenant(), fixtures.tenant()];
      await storage().tenants.create(gone);
      await storage().tenants.create(kept);
      const goneUser = await seedOwner(storage(), fixtures, gone);
      const keptUser = await seedOwner(storage(), fixtures, kept);
      const key = fixtures.apiKey(gone.id);
      await storage().apiKeys.create(key);
      await storage().signingKeys.create(fixtures.signingKey(gone.id));
      await storage().revokedTokens.revoke(gone.id, 'jti-1', T0 + 1000);
      await storage().aaguidRules.putAll(gone.id, [{ aaguid: 'ee882879-721c-4913-9775-3dfcce97072a', blockRegistration: true, blockAuthentication: false }]);
      const event = fixtures.auditEvent(gone.id);
      await storage().audit.append(event);
      assert.equal(await storage().transaction((tx) => tx.tenants.delete(gone.id)), true);
      assert.equal(await storage().tenants.getById(gone.id), null);
      await ownsNothing(storage(), gone.id, goneUser.id);
      assert.equal(await storage().apiKeys.getByLookupId(key.lookupId), null);
      assert.deepEqual(await storage().signingKeys.listByTenant(gone.id), []);
      assert.equal(await storage().revokedTokens.isRevoked(gone.id, 'jti-1'), false);
      assert.deepEqual(await storage().aaguidRules.list(gone.id), []);
      assert.deepEqual(await storage().audit.list(gone.id, { limit: 10 }), [event]);
      assert.deepEqual(await storage().users.getById(kept.id, keptUser.id), keptUser);
      assert.equal(await storage().tenants.delete(gone.id), false);
    });

    it('searches users by username, email or phone, without regard to ASCII case, wildcards literal', async () => {
      const tenant = fixtures.tenant();
      const other = fixtures.tenant();
      await storage().tenants.create(tenant);
      await storage().tenants.create(other);
      const ann = fixtures.user(tenant.id, { username: 'Ann_Lee', email: 'ann@example.com' });
      const bob = fixtures.user(tenant.id, { username: 'bob', email: 'BOB@Example.org', phone: '+15550100' });
      const cy = fixtures.user(tenant.id, { username: 'cy%', phone: '+15550199' });
      for (const u of [ann, bob, cy, fixtures.user(other.id, { username: 'ann-elsewhere' })]) await storage().users.create(u);
      const search = async (query: string, after?: string) =>
        (await storage().users.list(tenant.id, { limit: 10, query, ...(after === undefined ? {} : { after }) })).map((u) => u.username).sort();
      assert.deepEqual(await search('ANN'), ['Ann_Lee']);
      assert.deepEqual(await search('example.'), ['Ann_Lee', 'bob']);
      assert.deepEqual(await search('5550'), ['bob', 'cy%']);
      assert.deepEqual(await search('%'), ['cy%']);
      assert.deepEqual(await search('n_l'), ['Ann_Lee']);
      assert.deepEqual(await search('_'), ['Ann_Lee']);
      assert.deepEqual(await search('nobody'), []);
      const [first] = [ann, bob].sort((x, y) => (x.id < y.id ? -1 : 1));
      assert.equal((await search('example.', first?.id)).length, 1);
    });

    it('filters the audit log by action, subject, actor, outcome and time range, with paging', async () => {
      const tenant = fixtures.tenant();
      await storage().tenants.create(tenant);
      const events = Array.from({ length: 6 }, (_, i) =>
        fixtures.auditEvent(tenant.id, {
          at: T0 + 1000 * i,
          action: i % 2 === 0 ? 'user.created' : 'passkey.login',
          subject: `user:${i % 3}`,
          actor: i < 3 ? 'system' : 'api-key:k1',
          outcome: i === 5 ? 'failure' : 'success',
        }),
      );
      for (const e of events) await storage().audit.append(e);
      const ids = async (page: Omit<Parameters<Storage['audit']['list']>[1], 'limit'>) => (await storage().audit.list(tenant.id, { limit: 10, ...page })).map((e) => e.at - T0);
      assert.deepEqual(await ids({ action: 'user.created' }), [4000, 2000, 0]);
      assert.deepEqual(await ids({ subject: 'user:1' }), [4000, 1000]);
      assert.deepEqual(await ids({ actor: 'api-key:k1' }), [5000, 4000, 3000]);
      assert.deepEqual(await ids({ outcome: 'failure' }), [5000]);
      assert.deepEqual(await ids({ since: T0 + 2000, until: T0 + 4000 }), [3000, 2000]);
      assert.deepEqual(await ids({ action: 'passkey.login', actor: 'system' }), [1000]);
      assert.deepEqual(await ids({ action: 'nothing' }), []);
      const first = await storage().audit.list(tenant.id, { limit: 1, action: 'user.created' });
      const last = first[0];
      assert.ok(last);
      assert.deepEqual(await ids({ action: 'user.created', after: { at: last.at, id: last.id } }), [2000, 0]);
    });
  });
}
