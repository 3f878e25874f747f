import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Credential } from '../../core/credential.ts';
import { createFixtures, T0 } from '../contract/fixtures.ts';
import { migrateTo, migrateToLatest } from './migrate.ts';
import type { UnmigratedStorage } from './migration-suite.ts';
import { insertOldTenantRow } from './old-tenant-row.ts';

const spkiOf = (type: 'ec' | 'ed25519'): Uint8Array =>
  new Uint8Array(generateKeyPairSync(type as 'ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }));
const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64url');

/** A row as migrations 0001–0005 left the credentials table, every column spelled out. */
interface OldCredentialRow {
  tenant_id: string;
  id: string;
  user_id: string;
  kind: 'passkey' | 'device_key';
  credential_id: string;
  public_key: string;
  algorithm: number;
  sign_count: number;
  aaguid: string | null;
  transports: string;
  attestation_format: string | null;
  attestation_trust: string | null;
  backup_eligible: number;
  backup_state: number;
  user_verified: number;
  device_id: string | null;
  name: string | null;
  platform: string | null;
  status: 'active' | 'revoked';
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const insertOld = (db: Kysely<unknown>, rows: OldCredentialRow[]) => (db as unknown as Kysely<{ credentials: OldCredentialRow }>).insertInto('credentials').values(rows).execute();

/** Migration 0007 on a database the earlier code filled: every kind classified, no field lost. */
export function describeCredentialKindsMigration(open: () => Promise<UnmigratedStorage>): void {
  it('0007 turns each kind of old row into its own kind of credential, every field kept', async () => {
    const { storage, cleanup } = await open();
    try {
      const fixtures = createFixtures('credential-kinds-migration');
      await migrateTo(storage, '0005_duo');
      const tenant = fixtures.tenant();
      const user = fixtures.user(tenant.id);
      await insertOldTenantRow(storage, tenant, {});
      await storage.users.create(user);
      const [cose, swapbits, biokey, duo] = [fixtures.bytes(77), spkiOf('ec'), spkiOf('ed25519'), spkiOf('ec')];
      const ids = Array.from({ length: 6 }, () => fixtures.bytes(32));
      const duoHex = Buffer.from(duo.subarray(26)).toString('hex');
      const sealed = 's1.sealed-legacy-value';
      const base = { tenant_id: tenant.id, user_id: user.id, sign_count: 0, aaguid: null, transports: '[]', attestation_format: null, attestation_trust: null, backup_eligible: 0, backup_state: 0, user_verified: 0, status: 'active' as const, last_used_at: null, revoked_at: null };
      await insertOld(storage.db as unknown as Kysely<unknown>, [
        { ...base, id: 'passkey', kind: 'passkey', credential_id: b64(ids[0] as Uint8Array), public_key: b64(cose), algorithm: -257, sign_count: 4294967295, aaguid: 'ee882879-721c-4913-9775-3dfcce97072a', transports: '["usb","nfc"]', attestation_format: 'packed', attestation_trust: 'trusted', backup_eligible: 1, backup_state: 1, user_verified: 1, device_id: null, name: 'YubiKey', platform: null, created_at: T0, last_used_at: T0 + 1 },
        { ...base, id: 'biokey-passkey', kind: 'passkey', credential_id: b64(ids[1] as Uint8Array), public_key: b64(cose), algorithm: -7, attestation_format: 'none', attestation_trust: 'none', user_verified: 1, device_id: 'dev-b', name: 'rawid', platform: 'biokey', created_at: T0 + 1 },
        { ...base, id: 'swapbits', kind: 'device_key', credential_id: b64(ids[2] as Uint8Array), public_key: b64(swapbits), algorithm: -7, device_id: '0f4c1a0e-7b8e-4f7a-9d0e-2f7c8b1a9e11', name: 'Pixel 9', platform: 'Android', created_at: T0 + 2, last_used_at: T0 + 20 },
        { ...base, id: 'biokey-key', kind: 'device_key', credential_id: b64(ids[3] as Uint8Array), public_key: b64(biokey), algorithm: -8, device_id: 'dev-e', name: 'rawid', platform: 'biokey', created_at: T0 + 3 },
        { ...base, id: 'duo', kind: 'device_key', credential_id: b64(ids[4] as Uint8Array), public_key: b64(duo), algorithm: -7, device_id: duoHex, name: 'My phone', platform: null, status: 'revoked', created_at: T0 + 4, revoked_at: T0 + 40 },
        { ...base, id: 'legacy', kind: 'device_key', credential_id: b64(ids[5] as Uint8Array), public_key: b64(new TextEncoder().encode(sealed)), algorithm: 0, device_id: 'd', name: 'prf', platform: 'biokey', created_at: T0 + 5 },
      ]);

      await migrateToLatest(storage);

      const common = { tenantId: tenant.id, userId: user.id, status: 'active' as const, lastUsedAt: null, revokedAt: null };
      const expected: Credential[] = [
        { ...common, kind: 'passkey', enrolledVia: 'native', id: 'passkey', credentialId: ids[0] as Uint8Array, publicKey: cose, algorithm: -257, signCount: 4294967295, aaguid: 'ee882879-721c-4913-9775-3dfcce97072a', transports: ['usb', 'nfc'], attestationFormat: 'packed', attestationTrust: 'trusted', backupEligible: true, backupState: true, userVerified: true, deviceId: null, name: 'YubiKey', createdAt: T0, lastUsedAt: T0 + 1 },
        { ...common, kind: 'passkey', enrolledVia: 'biokey', id: 'biokey-passkey', credentialId: ids[1] as Uint8Array, publicKey: cose, algorithm: -7, signCount: 0, aaguid: null, transports: [], attestationFormat: 'none', attestationTrust: 'none', backupEligible: false, backupState: false, userVerified: true, deviceId: 'dev-b', name: 'rawid', createdAt: T0 + 1 },
        { ...common, kind: 'device_key', enrolledVia: 'swapbits', platform: 'Android', id: 'swapbits', credentialId: ids[2] as Uint8Array, publicKey: swapbits, algorithm: 'P-256', deviceId: '0f4c1a0e-7b8e-4f7a-9d0e-2f7c8b1a9e11', name: 'Pixel 9', createdAt: T0 + 2, lastUsedAt: T0 + 20 },
        { ...common, kind: 'device_key', enrolledVia: 'biokey', id: 'biokey-key', credentialId: ids[3] as Uint8Array, publicKey: biokey, algorithm: 'Ed25519', deviceId: 'dev-e', name: 'rawid', createdAt: T0 + 3 },
        { ...common, kind: 'device_key', enrolledVia: 'duo', id: 'duo', credentialId: ids[4] as Uint8Array, publicKey: duo, algorithm: 'P-256', deviceId: duoHex, name: 'My phone', createdAt: T0 + 4, status: 'revoked', revokedAt: T0 + 40 },
        { ...common, kind: 'legacy_identity', enrolledVia: 'biokey', id: 'legacy', credentialId: ids[5] as Uint8Array, sealedValue: sealed, deviceId: 'd', name: 'prf', createdAt: T0 + 5 },
      ];
      assert.deepEqual(await storage.credentials.listByUser(tenant.id, user.id), expected);
      for (const credential of expected) assert.deepEqual(await storage.credentials.getByCredentialId(tenant.id, credential.credentialId), credential);
      // The unique index on credential ids came through the rebuild.
      await assert.rejects(storage.credentials.create({ ...(expected[0] as Credential), id: 'again' }), { code: 'credential_conflict' });
    } finally {
      await cleanup();
    }
  });

  it('0007 stops, changing nothing, at a device key no dialect is known to have enrolled', async () => {
    const { storage, cleanup } = await open();
    try {
      const fixtures = createFixtures('credential-kinds-migration-refusal');
      await migrateTo(storage, '0005_duo');
      const tenant = fixtures.tenant();
      const user = fixtures.user(tenant.id);
      await insertOldTenantRow(storage, tenant, {});
      await storage.users.create(user);
      const row: OldCredentialRow = { tenant_id: tenant.id, id: 'odd', user_id: user.id, kind: 'device_key', credential_id: b64(fixtures.bytes(32)), public_key: b64(spkiOf('ec')), algorithm: -7, sign_count: 0, aaguid: null, transports: '[]', attestation_format: null, attestation_trust: null, backup_eligible: 0, backup_state: 0, user_verified: 0, device_id: 'x', name: null, platform: 'Windows', status: 'active', created_at: T0, last_used_at: null, revoked_at: null };
      await insertOld(storage.db as unknown as Kysely<unknown>, [row]);
      await assert.rejects(migrateToLatest(storage), (error: Error) => error.message === 'migration 0007_credential_kinds failed' && /odd: a device key no dialect is known to have enrolled \(platform Windows\)/.test(String((error.cause as Error).message)));
      const { rows } = await sql<OldCredentialRow>`select * from credentials`.execute(storage.db);
      assert.deepEqual(rows.map((r) => ({ ...r })), [row]);
    } finally {
      await cleanup();
    }
  });
}
