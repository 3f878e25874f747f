/**
 * The contract every implementation of the `Storage` port passes (STYLE.md rule 9): the same
 * assertions, with exact values, run against each engine by its own test file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Storage } from '../core/ports.ts';
import { describeAaguidRules } from './contract/aaguid-rules.ts';
import { describeAccounts } from './contract/accounts.ts';
import { describeProfiles } from './contract/profiles.ts';
import { describeApiKeys } from './contract/api-keys.ts';
import { describeClientDevices } from './contract/client-devices.ts';
import { describeAudit } from './contract/audit.ts';
import { describeAuditedUses } from './contract/audited-uses.ts';
import type { ContractContext } from './contract/context.ts';
import { describeCredentials } from './contract/credentials.ts';
import { describeCeremonies } from './contract/ceremonies.ts';
import { createFixtures } from './contract/fixtures.ts';
import { describeExternalIdentities } from './contract/external-identities.ts';
import { describeTenantIsolation } from './contract/isolation.ts';
import { describeManagement } from './contract/management.ts';
import { describeOperators } from './contract/operators.ts';
import { describeRevokedTokens } from './contract/revoked-tokens.ts';
import { describeSigningKeys } from './contract/signing-keys.ts';
import { describeTenants } from './contract/tenants.ts';
import { describeTransactions } from './contract/transactions.ts';
import { describeUnitsOfWork } from './contract/units-of-work.ts';
import { describeUsers } from './contract/users.ts';

export interface StorageHarness {
  /** A fresh, fully migrated store. */
  readonly storage: Storage;
  /**
   * Runs one raw SQL statement against the store's database, so the suite can prove guarantees
   * the database itself enforces (the append-only audit table). Absent for stores without SQL.
   */
  readonly executeRaw?: (statement: string) => Promise<unknown>;
  /** Closes the store and removes whatever the factory created. */
  cleanup(): Promise<void>;
}

export type StorageFactory = () => Promise<StorageHarness>;

export function runStorageContract(name: string, factory: StorageFactory): void {
  describe(name, () => {
    let harness: StorageHarness | undefined;
    const current = (): StorageHarness => {
      assert.ok(harness, 'the storage factory has not run');
      return harness;
    };
    before(async () => {
      harness = await factory();
    });
    after(async () => {
      await harness?.cleanup();
    });

    const context: ContractContext = {
      storage: () => current().storage,
      executeRaw: () => current().executeRaw,
      fixtures: createFixtures(`storage-contract:${name}`),
    };

    it('answers ping', async () => {
      await context.storage().ping();
    });

    describeTenants(context);
    describeUsers(context);
    describeCredentials(context);
    describeAuditedUses(context);
    describeApiKeys(context);
    describeSigningKeys(context);
    describeAudit(context);
    describeRevokedTokens(context);
    describeExternalIdentities(context);
    describeCeremonies(context);
    describeTransactions(context);
    describeClientDevices(context);
    describeAaguidRules(context);
    describeAccounts(context);
    describeUnitsOfWork(context);
    describeOperators(context);
    describeProfiles(context);
    describeTenantIsolation(context);
    describeManagement(context);
  });
}
