import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFixtures, T0 } from '../contract/fixtures.ts';
import type { KyselyStorage } from './create-kysely-storage.ts';
import { insertOldTenantRow } from './old-tenant-row.ts';
import { apiKeyToRow, type ApiKeyTable } from './api-key-row.ts';
import type { ApiKey } from '../../core/api-key.ts';
import { listMigrations, migrateTo, migrateToLatest } from './migrate.ts';
import { MIGRATIONS } from './migrations/registry.ts';
import { describeCredentialKindsMigration } from './credential-kinds-migration-suite.ts';

export interface UnmigratedStorage {
  readonly storage: KyselyStorage;
  cleanup(): Promise<void>;
}

/** An API key row as the code before migration 0012 wrote it: no expiry. */
async function insertOldApiKeyRow(storage: KyselyStorage, key: ApiKey): Promise<void> {
  const { expires_at: _expiresAt, ...row } = apiKeyToRow(key);
  await storage.db.insertInto('api_keys').values(row as ApiKeyTable).execute();
}

/** Migrations applied to a database already in use keep its rows, on every engine. */
export function runMigrationSuite(name: string, open: () => Promise<UnmigratedStorage>): void {
  describe(name, () => {
    it('migrating from the first migration to the latest keeps existing rows; migrating again changes nothing', async () => {
      const { storage, cleanup } = await open();
      try {
        const fixtures = createFixtures(`migration-suite:${name}`);
        assert.deepEqual(await migrateTo(storage, '0001_initial'), ['0001_initial']);

        const tenant = fixtures.tenant({ dialects: { native: {}, biokey: { insecureLegacyMode: true }, swapbits: {}, duo: { hookSecretHash: 'cd'.repeat(32) } } });
        const user = fixtures.user(tenant.id, { email: 'kept@example.com', emailVerified: true });
        const apiKey = fixtures.apiKey(tenant.id);
        const signingKey = fixtures.signingKey(tenant.id);
        // Written as 0001's code wrote it: vendor switches among the integrations, no dialects.
        await insertOldTenantRow(storage, tenant, { duoHookSecretHash: 'cd'.repeat(32), biokeyInsecureLegacyMode: true });
        await storage.users.create(user);
        await insertOldApiKeyRow(storage, apiKey);
        await storage.signingKeys.create(signingKey);
        const snapshot = async () => ({
          tenant: await storage.tenants.getById(tenant.id),
          user: await storage.users.getById(tenant.id, user.id),
          apiKey: await storage.apiKeys.getByLookupId(apiKey.lookupId),
          signingKeys: await storage.signingKeys.listByTenant(tenant.id),
        });
        const later = Object.keys(MIGRATIONS).filter((m) => m !== '0001_initial');
        assert.deepEqual(await migrateToLatest(storage), later);
        const before = await snapshot();
        // 0006: the tenant serves every dialect it served before, its switches under each dialect.
        assert.deepEqual(before, { tenant, user, apiKey, signingKeys: [signingKey] });

        const event = fixtures.auditEvent(tenant.id);
        await storage.audit.append(event);
        await storage.revokedTokens.revoke(tenant.id, 'jti-1', T0 + 60_000);

        assert.deepEqual(await migrateToLatest(storage), []);
        assert.deepEqual(await snapshot(), before);
        assert.deepEqual(await storage.audit.list(tenant.id, { limit: 10 }), [event]);
        assert.equal(await storage.revokedTokens.isRevoked(tenant.id, 'jti-1'), true);
        const status = await listMigrations(storage);
        assert.deepEqual(status.map((m) => m.name), Object.keys(MIGRATIONS));
        assert.ok(status.every((m) => m.executedAt !== null));
      } finally {
        await cleanup();
      }
    });

    describeCredentialKindsMigration(open);
  });
}
