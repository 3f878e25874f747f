import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backupKeyshares } from '../../core/duo/backup-keyshares.ts';
import type { DuoKey, DuoTransaction } from '../../core/duo/duo-records.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { User } from '../../core/user.ts';
import { createSealer } from '../../crypto/envelope.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { SeededRandom } from '../../testing/seeded-random.ts';
import type { ContractContext } from './context.ts';
import { T0 } from './fixtures.ts';

/** The Duo repositories: exact round trips, first-writer-wins inserts, all-or-none backups, tenant isolation. */
export function describeDuo({ storage, executeRaw, fixtures }: ContractContext): void {
  const seed = async (): Promise<{ tenant: Tenant; users: [User, User] }> => {
    const tenant = fixtures.tenant();
    await storage().tenants.create(tenant);
    const users: [User, User] = [fixtures.user(tenant.id), fixtures.user(tenant.id)];
    for (const u of users) await storage().users.create(u);
    return { tenant, users };
  };
  const key = (tenantId: string, userId: string, keyId: string, createdAt = T0): DuoKey => ({ tenantId, keyId, userId, deviceCredentialId: fixtures.id(), instance: 'ab'.repeat(32), createdAt });

  describe('duo', () => {
    it('records a user registration and a face enrollment once; the first stays', async () => {
      const { tenant, users: [u] } = await seed();
      const duo = storage().duo;
      assert.equal(await duo.users.get(tenant.id, u.id), null);
      assert.equal(await duo.users.register({ tenantId: tenant.id, userId: u.id, registeredAt: T0 }), true);
      assert.equal(await duo.users.register({ tenantId: tenant.id, userId: u.id, registeredAt: T0 + 5 }), false);
      assert.deepEqual(await duo.users.get(tenant.id, u.id), { tenantId: tenant.id, userId: u.id, registeredAt: T0 });
      const face = { tenantId: tenant.id, userId: u.id, faceRef: 'sigil-ref-1', registeredAt: T0 + 1 };
      assert.equal(await duo.faces.enroll(face), true);
      assert.equal(await duo.faces.enroll({ ...face, faceRef: 'other', registeredAt: T0 + 9 }), false);
      assert.deepEqual(await duo.faces.get(tenant.id, u.id), face);
    });

    it('keeps the first owner of a key id and lists a user’s keys oldest first', async () => {
      const { tenant, users: [a, b] } = await seed();
      const keys = storage().duo.keys;
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
      const duo = storage().duo;
      await duo.keys.add(key(tenant.id, a.id, '0a'));
      await duo.keys.add(key(tenant.id, a.id, '0b'));
      const backup = (keyId: string, sealed: string, createdAt = T0) => ({ tenantId: tenant.id, keyId, userId: a.id, sealedKeyshare: sealed, createdAt });
      await duo.backups.putAll([backup('0a', 's1.first'), backup('0b', 's1.b')]);
      await duo.backups.putAll([backup('0a', 's1.second', T0 + 7)]);
      assert.deepEqual(await duo.backups.get(tenant.id, '0a'), backup('0a', 's1.second', T0 + 7));
      assert.deepEqual(await duo.backups.listByUser(tenant.id, a.id), [backup('0b', 's1.b'), backup('0a', 's1.second', T0 + 7)]);
      await assert.rejects(duo.backups.putAll([backup('0a', 's1.third'), backup('0c-unknown', 's1.orphan')]));
      assert.deepEqual(await duo.backups.get(tenant.id, '0a'), backup('0a', 's1.second', T0 + 7), 'the failed batch changed nothing');
      await duo.backups.putAll([]);
    });

    it('lists a user’s transactions newest first, up to the limit', async () => {
      const { tenant, users: [a, b] } = await seed();
      const tx = (userId: string, n: number): DuoTransaction => ({
        tenantId: tenant.id, id: fixtures.id(), userId, keyId: '0a', deviceKey: `04${'11'.repeat(64)}`, instance: 'cd'.repeat(32), status: n % 2 ? 'rejected' : 'approved', createdAt: T0 + n,
      });
      const mine = [tx(a.id, 1), tx(a.id, 2), tx(a.id, 3)];
      for (const t of [...mine, tx(b.id, 4)]) await storage().duo.transactions.add(t);
      assert.deepEqual(await storage().duo.transactions.listByUser(tenant.id, a.id, 10), [...mine].reverse());
      assert.deepEqual(await storage().duo.transactions.listByUser(tenant.id, a.id, 2), [mine[2], mine[1]]);
    });

    it('never reads or writes across tenants', async () => {
      const x = await seed();
      const y = await seed();
      const duo = storage().duo;
      const [ux, uy] = [x.users[0], y.users[0]];
      await duo.keys.add(key(x.tenant.id, ux.id, '0e'));
      assert.deepEqual(await duo.keys.add(key(y.tenant.id, uy.id, '0e')), { ...key(y.tenant.id, uy.id, '0e'), deviceCredentialId: (await duo.keys.get(y.tenant.id, '0e'))!.deviceCredentialId }, 'key ids are per tenant');
      await duo.backups.putAll([{ tenantId: x.tenant.id, keyId: '0e', userId: ux.id, sealedKeyshare: 's1.x', createdAt: T0 }]);
      await duo.faces.enroll({ tenantId: x.tenant.id, userId: ux.id, faceRef: 'r', registeredAt: T0 });
      await duo.users.register({ tenantId: x.tenant.id, userId: ux.id, registeredAt: T0 });
      await duo.transactions.add({ tenantId: x.tenant.id, id: fixtures.id(), userId: ux.id, keyId: '0e', deviceKey: 'k', instance: 'i', status: 'approved', createdAt: T0 });
      assert.equal((await duo.keys.get(y.tenant.id, '0e'))?.userId, uy.id);
      assert.equal(await duo.backups.get(y.tenant.id, '0e'), null);
      assert.deepEqual(await duo.backups.listByUser(y.tenant.id, ux.id), []);
      assert.deepEqual(await duo.keys.listByUser(y.tenant.id, ux.id), []);
      assert.equal(await duo.faces.get(y.tenant.id, ux.id), null);
      assert.equal(await duo.users.get(y.tenant.id, ux.id), null);
      assert.deepEqual(await duo.transactions.listByUser(y.tenant.id, ux.id, 10), []);
      await assert.rejects(duo.backups.putAll([{ tenantId: y.tenant.id, keyId: '0e', userId: ux.id, sealedKeyshare: 's1.y', createdAt: T0 }]), 'a user of another tenant owns no row here');
      assert.equal((await duo.backups.get(x.tenant.id, '0e'))?.sealedKeyshare, 's1.x');
    });

    it('keeps no keyshare in clear: a dump of the backup table shows only sealed values', async () => {
      const raw = executeRaw();
      const { tenant, users: [u] } = await seed();
      await storage().duo.keys.add(key(tenant.id, u.id, '0f'));
      const keyshare = 'keyshare-plaintext-' + Buffer.from(fixtures.bytes(48)).toString('base64');
      const deps = { storage: storage(), clock: new FixedClock(T0), random: new SeededRandom('duo-contract'), sealer: createSealer(new Uint8Array(32).fill(7)) };
      const ctx = { requestId: null, ip: null, actor: 'system', logger: { info() {}, warn() {}, error() {} } };
      await backupKeyshares(deps, ctx, tenant, u, [{ keyId: '0f', encryptedKeyshare: keyshare }]);
      const stored = await storage().duo.backups.get(tenant.id, '0f');
      assert.match(stored?.sealedKeyshare ?? '', /^s1\./);
      if (raw === undefined) return;
      const dump = JSON.stringify(await raw('select * from duo_keyshare_backups'));
      assert.ok(dump.includes(stored!.sealedKeyshare), 'the dump reads the table');
      for (const form of [keyshare, 'keyshare-plaintext', Buffer.from(keyshare).toString('base64'), Buffer.from(keyshare).toString('hex')]) assert.equal(dump.includes(form), false);
    });
  });
}
