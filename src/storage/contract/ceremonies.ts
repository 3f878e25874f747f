import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backupKeyshares } from '../../core/keyshares/backup-keyshares.ts';
import type { MpcKey } from '../../core/keyshares/mpc-key.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { User } from '../../core/user.ts';
import { createSealer } from '../../crypto/envelope.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { SeededRandom } from '../../testing/seeded-random.ts';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

/**
 * The repositories of the neutral ceremonies — MPC keys, keyshare backups, face enrollments —
 * and of dialects' explicit sign-ups: exact round trips, first-writer-wins inserts, all-or-none
 * backups, tenant isolation, and no keyshare in clear at rest.
 */
export function describeCeremonies({ storage, executeRaw, fixtures }: ContractContext): void {
  const seed = async (): Promise<{ tenant: Tenant; users: [User, User] }> => {
    const tenant = fixtures.tenant();
    await storage().tenants.create(tenant);
    const users: [User, User] = [fixtures.user(tenant.id), fixtures.user(tenant.id)];
    for (const u of users) await storage().users.create(u);
    return { tenant, users };
  };
  const key = (tenantId: string, userId: string, keyId: string, createdAt = T0): MpcKey => ({ tenantId, keyId, userId, deviceCredentialId: fixtures.id(), instance: 'ab'.repeat(32), createdAt });

  describe('ceremonies: MPC keys, keyshares, faces, dialect sign-ups', () => {
    it('records a dialect sign-up and a face enrollment once; the first stays', async () => {
      const { tenant, users: [u] } = await seed();
      const { dialectUsers, faces } = storage();
      assert.equal(await dialectUsers.get(tenant.id, u.id, 'duo'), null);
      assert.equal(await dialectUsers.register({ tenantId: tenant.id, userId: u.id, dialect: 'duo', registeredAt: T0 }), true);
      assert.equal(await dialectUsers.register({ tenantId: tenant.id, userId: u.id, dialect: 'duo', registeredAt: T0 + 5 }), false);
      assert.deepEqual(await dialectUsers.get(tenant.id, u.id, 'duo'), { tenantId: tenant.id, userId: u.id, dialect: 'duo', registeredAt: T0 });
      assert.equal(await dialectUsers.get(tenant.id, u.id, 'other'), null, 'a sign-up is per dialect');
      assert.equal(await dialectUsers.register({ tenantId: tenant.id, userId: u.id, dialect: 'other', registeredAt: T0 + 6 }), true);
      const face = { tenantId: tenant.id, userId: u.id, faceRef: 'sigil-ref-1', registeredAt: T0 + 1 };
      assert.equal(await faces.enroll(face), true);
      assert.equal(await faces.enroll({ ...face, faceRef: 'other', registeredAt: T0 + 9 }), false);
      assert.deepEqual(await faces.get(tenant.id, u.id), face);
    });

    it('keeps the first owner of a key id and lists a user’s keys oldest first', async () => {
      const { tenant, users: [a, b] } = await seed();
      const keys = storage().mpcKeys;
      const k2 = key(tenant.id, a.id, '02', T0 + 2);
      const k1 = key(tenant.id, a.id, '01', T0 + 1);
      assert.deepEqual(await keys.add(k2), k2);
      assert.deepEqual(await keys.add(k1), k1);
      assert.deepEqual(await keys.add(key(tenant.id, b.id, '02')), k2, 'taken: the existing key comes back');
      assert.deepEqual(await keys.get(tenant.id, '02'), k2);
      assert.deepEqual(await keys.listByUser(tenant.id, a.id), [k1, k2]);
      assert.deepEqual(await keys.listByUser(tenant.id, b.id), []);
      const racers = await Promise.all([a, b].map((u) => keys.add(key(tenant.id, u.id, '03'))));
      assert.equal(racers[0]?.userId, racers[1]?.userId);
    });

    it('stores backups all or none, replacing an earlier backup of the same key', async () => {
      const { tenant, users: [a] } = await seed();
      const { mpcKeys, keyshares } = storage();
      await mpcKeys.add(key(tenant.id, a.id, '0a'));
      await mpcKeys.add(key(tenant.id, a.id, '0b'));
      const backup = (keyId: string, sealed: string, createdAt = T0) => ({ tenantId: tenant.id, keyId, userId: a.id, sealedKeyshare: sealed, createdAt });
      await keyshares.putAll([backup('0a', 's1.first'), backup('0b', 's1.b')]);
      await keyshares.putAll([backup('0a', 's1.second', T0 + 7)]);
      assert.deepEqual(await keyshares.get(tenant.id, '0a'), backup('0a', 's1.second', T0 + 7));
      assert.deepEqual(await keyshares.listByUser(tenant.id, a.id), [backup('0b', 's1.b'), backup('0a', 's1.second', T0 + 7)]);
      await assert.rejects(keyshares.putAll([backup('0a', 's1.third'), backup('0c-unknown', 's1.orphan')]));
      assert.deepEqual(await keyshares.get(tenant.id, '0a'), backup('0a', 's1.second', T0 + 7), 'the failed batch changed nothing');
      await keyshares.putAll([]);
    });

    it('never reads or writes across tenants', async () => {
      const x = await seed();
      const y = await seed();
      const s = storage();
      const [ux, uy] = [x.users[0], y.users[0]];
      await s.mpcKeys.add(key(x.tenant.id, ux.id, '0e'));
      const ky = key(y.tenant.id, uy.id, '0e');
      assert.deepEqual(await s.mpcKeys.add(ky), ky, 'key ids are per tenant');
      await s.keyshares.putAll([{ tenantId: x.tenant.id, keyId: '0e', userId: ux.id, sealedKeyshare: 's1.x', createdAt: T0 }]);
      await s.faces.enroll({ tenantId: x.tenant.id, userId: ux.id, faceRef: 'r', registeredAt: T0 });
      await s.dialectUsers.register({ tenantId: x.tenant.id, userId: ux.id, dialect: 'duo', registeredAt: T0 });
      assert.equal((await s.mpcKeys.get(y.tenant.id, '0e'))?.userId, uy.id);
      assert.equal(await s.keyshares.get(y.tenant.id, '0e'), null);
      assert.deepEqual(await s.keyshares.listByUser(y.tenant.id, ux.id), []);
      assert.deepEqual(await s.mpcKeys.listByUser(y.tenant.id, ux.id), []);
      assert.equal(await s.faces.get(y.tenant.id, ux.id), null);
      assert.equal(await s.dialectUsers.get(y.tenant.id, ux.id, 'duo'), null);
      await assert.rejects(s.keyshares.putAll([{ tenantId: y.tenant.id, keyId: '0e', userId: ux.id, sealedKeyshare: 's1.y', createdAt: T0 }]), 'a user of another tenant owns no row here');
      assert.equal((await s.keyshares.get(x.tenant.id, '0e'))?.sealedKeyshare, 's1.x');
    });

    it('keeps no keyshare in clear: a dump of the backup table shows only sealed values', async () => {
      const raw = executeRaw();
      const { tenant, users: [u] } = await seed();
      await storage().mpcKeys.add(key(tenant.id, u.id, '0f'));
      const keyshare = 'keyshare-plaintext-' + Buffer.from(fixtures.bytes(48)).toString('base64');
      const deps = { storage: storage(), clock: new FixedClock(T0), random: new SeededRandom('keyshare-contract'), sealer: createSealer(new Uint8Array(32).fill(7)) };
      const ctx = { requestId: null, ip: null, actor: 'system', logger: { info() {}, warn() {}, error() {} } };
      await backupKeyshares(deps, ctx, tenant, u, [{ keyId: '0f', encryptedKeyshare: keyshare }]);
      const stored = await storage().keyshares.get(tenant.id, '0f');
      assert.match(stored?.sealedKeyshare ?? '', /^s1\./);
      if (raw === undefined) return;
      const dump = JSON.stringify(await raw('select * from keyshare_backups'));
      assert.ok(dump.includes(stored!.sealedKeyshare), 'the dump reads the table');
      for (const form of [keyshare, 'keyshare-plaintext', Buffer.from(keyshare).toString('base64'), Buffer.from(keyshare).toString('hex')]) assert.equal(dump.includes(form), false);
    });
  });
}
