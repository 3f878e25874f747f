import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Transaction } from '../../core/transactions/transaction.ts';
import { createFixtures, T0 } from '../contract/fixtures.ts';
import { migrateTo, migrateToLatest } from './migrate.ts';
import type { UnmigratedStorage } from './migration-suite.ts';
import { insertOldTenantRow } from './old-tenant-row.ts';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** More DSG validations than one page of the migration's copy, so paging is exercised. */
const VALIDATIONS = 1203;

/**
 * Migration 0008 on a database filled through the Duo schema of 0005: every row of the `duo_*`
 * tables is found again through the neutral repositories, and the old tables are gone.
 */
export function runNeutralCeremoniesMigrationSuite(name: string, open: () => Promise<UnmigratedStorage>): void {
  describe(name, () => {
    it('moves the duo_* rows into the neutral tables without losing one', async () => {
      const { storage, cleanup } = await open();
      try {
        const fixtures = createFixtures(`neutral-ceremonies-migration:${name}`);
        await migrateTo(storage, '0005_duo');
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tables of 0005 are no longer in the Database type
        const old = storage.db as unknown as Kysely<any>;
        const tenant = fixtures.tenant();
        const [alice, bob] = [fixtures.user(tenant.id), fixtures.user(tenant.id)];
        await insertOldTenantRow(storage, tenant, {});
        await storage.users.create(alice);
        await storage.users.create(bob);

        await old.insertInto('duo_users').values([{ tenant_id: tenant.id, user_id: alice.id, registered_at: T0 }]).execute();
        await old.insertInto('duo_face_enrollments').values([{ tenant_id: tenant.id, user_id: alice.id, face_ref: `sigil-${tenant.id}-${alice.id}`, registered_at: T0 + 1 }]).execute();
        const keyRow = (user_id: string, key_id: string, at: number) => ({ tenant_id: tenant.id, key_id, user_id, device_credential_id: fixtures.id(), instance: 'ab'.repeat(32), created_at: at });
        const keys = [keyRow(alice.id, '0a', T0 + 2), keyRow(alice.id, '0b', T0 + 3), keyRow(bob.id, '0c', T0 + 4)];
        await old.insertInto('duo_keys').values(keys).execute();
        await old.insertInto('duo_keyshare_backups').values([{ tenant_id: tenant.id, key_id: '0a', user_id: alice.id, sealed_keyshare: 's1.sealed-a', created_at: T0 + 5 }]).execute();
        const deviceKey = `04${'11'.repeat(64)}`;
        const validations = Array.from({ length: VALIDATIONS }, (_, i) => ({
          tenant_id: tenant.id,
          id: fixtures.id(),
          user_id: alice.id,
          key_id: i % 3 === 0 ? '0c' : '0a',
          device_key: deviceKey,
          instance: i.toString(16).padStart(64, '0'),
          status: i % 3 === 0 ? 'rejected' : 'approved',
          created_at: T0 + 10 + i,
        }));
        for (let i = 0; i < validations.length; i += 200) await old.insertInto('duo_transactions').values(validations.slice(i, i + 200)).execute();

        await migrateToLatest(storage);

        assert.deepEqual(await storage.dialectUsers.get(tenant.id, alice.id, 'duo'), { tenantId: tenant.id, userId: alice.id, dialect: 'duo', registeredAt: T0 });
        assert.equal(await storage.dialectUsers.get(tenant.id, bob.id, 'duo'), null);
        assert.deepEqual(await storage.faces.get(tenant.id, alice.id), { tenantId: tenant.id, userId: alice.id, faceRef: `sigil-${tenant.id}-${alice.id}`, registeredAt: T0 + 1 });
        const asKey = (r: (typeof keys)[number]) => ({ tenantId: r.tenant_id, keyId: r.key_id, userId: r.user_id, deviceCredentialId: r.device_credential_id, instance: r.instance, createdAt: r.created_at });
        assert.deepEqual(await storage.mpcKeys.listByUser(tenant.id, alice.id), [asKey(keys[0]!), asKey(keys[1]!)]);
        assert.deepEqual(await storage.mpcKeys.get(tenant.id, '0c'), asKey(keys[2]!));
        assert.deepEqual(await storage.keyshares.listByUser(tenant.id, alice.id), [{ tenantId: tenant.id, keyId: '0a', userId: alice.id, sealedKeyshare: 's1.sealed-a', createdAt: T0 + 5 }]);

        const expected: Transaction[] = validations
          .map((v) => ({
            tenantId: v.tenant_id,
            id: v.id,
            userId: v.user_id,
            type: 'duo.dsg-setup',
            payload: v.key_id,
            payloadHash: sha256Hex(v.key_id),
            nonce: null,
            status: v.status as Transaction['status'],
            createdAt: v.created_at,
            expiresAt: null,
            decidedAt: v.created_at,
            evidence: { kind: 'mpc-session' as const, deviceKey, instance: v.instance },
          }))
          .reverse();
        assert.deepEqual(await storage.transactions.listByUser(tenant.id, alice.id, 'duo.dsg-setup', VALIDATIONS + 10), expected);

        for (const table of ['duo_users', 'duo_face_enrollments', 'duo_keys', 'duo_keyshare_backups', 'duo_transactions']) {
          await assert.rejects(old.selectFrom(table).selectAll().execute(), `${table} is gone`);
        }
        // The moved backups still belong to known keys: the foreign key holds on the new tables.
        await assert.rejects(storage.keyshares.putAll([{ tenantId: tenant.id, keyId: 'ff', userId: alice.id, sealedKeyshare: 's1.orphan', createdAt: T0 }]));
      } finally {
        await cleanup();
      }
    });
  });
}
