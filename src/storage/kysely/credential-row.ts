import type { AttestationTrust, Credential, CredentialKind, CredentialStatus, DeviceKeyOrigin, EnrollingDialect } from '../../core/credential.ts';
import type { DeviceKeyAlgorithm } from '../../crypto/device-keys/index.ts';
import { decodeBytes, decodeFlag, decodeJson, encodeBytes, encodeFlag, encodeJson } from './column-codecs.ts';

/**
 * One table for every kind (migration 0007): the columns a kind does not have are null, or
 * zero / empty for the NOT NULL counters and flags only passkeys use.
 */
export interface CredentialTable {
  tenant_id: string;
  id: string;
  user_id: string;
  kind: CredentialKind;
  enrolled_via: EnrollingDialect;
  /** base64url of the wire credential id. */
  credential_id: string;
  /** base64url of the COSE_Key (passkeys) or SPKI DER (device keys); null for a legacy identity. */
  public_key: string | null;
  /** A legacy identity's sealed value; null otherwise. */
  sealed_value: string | null;
  /** COSE algorithm identifier; null for a legacy identity. */
  algorithm: number | null;
  sign_count: number;
  aaguid: string | null;
  /** JSON array of transport hints. */
  transports: string;
  attestation_format: string | null;
  attestation_trust: AttestationTrust | null;
  backup_eligible: number;
  backup_state: number;
  user_verified: number;
  device_id: string | null;
  name: string | null;
  /** A SwapBits device's operating system; null otherwise. */
  platform: string | null;
  status: CredentialStatus;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** COSE identifiers of the two device-key algorithms, as the column stores them. */
const DEVICE_KEY_COSE: Readonly<Record<DeviceKeyAlgorithm, number>> = { 'P-256': -7, Ed25519: -8 };

const NO_PASSKEY_FIELDS = { sign_count: 0, aaguid: null, transports: '[]', attestation_format: null, attestation_trust: null, backup_eligible: 0, backup_state: 0, user_verified: 0 } as const;

export function credentialToRow(credential: Credential): CredentialTable {
  const common = {
    tenant_id: credential.tenantId,
    id: credential.id,
    user_id: credential.userId,
    kind: credential.kind,
    enrolled_via: credential.enrolledVia,
    credential_id: encodeBytes(credential.credentialId),
    device_id: credential.deviceId,
    name: credential.name,
    status: credential.status,
    created_at: credential.createdAt,
    last_used_at: credential.lastUsedAt,
    revoked_at: credential.revokedAt,
  };
  switch (credential.kind) {
    case 'passkey':
      return {
        ...common,
        public_key: encodeBytes(credential.publicKey),
        sealed_value: null,
        algorithm: credential.algorithm,
        sign_count: credential.signCount,
        aaguid: credential.aaguid,
        transports: encodeJson(credential.transports),
        attestation_format: credential.attestationFormat,
        attestation_trust: credential.attestationTrust,
        backup_eligible: encodeFlag(credential.backupEligible),
        backup_state: encodeFlag(credential.backupState),
        user_verified: encodeFlag(credential.userVerified),
        platform: null,
      };
    case 'device_key':
      return {
        ...common,
        ...NO_PASSKEY_FIELDS,
        public_key: encodeBytes(credential.publicKey),
        sealed_value: null,
        algorithm: DEVICE_KEY_COSE[credential.algorithm],
        platform: credential.enrolledVia === 'swapbits' ? credential.platform : null,
      };
    case 'legacy_identity':
      return { ...common, ...NO_PASSKEY_FIELDS, public_key: null, sealed_value: credential.sealedValue, algorithm: null, platform: null };
  }
}

/** A row the domain cannot represent is corrupt: refused loudly rather than guessed at. */
function corrupt(row: Pick<CredentialTable, 'tenant_id' | 'id'>, what: string): never {
  throw new Error(`credential ${row.tenant_id}/${row.id}: ${what}`);
}

export function credentialFromRow(row: CredentialTable): Credential {
  const common = {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    credentialId: decodeBytes(row.credential_id),
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
  switch (row.kind) {
    case 'passkey':
      if (row.public_key === null || row.algorithm === null) return corrupt(row, 'a passkey without a key');
      return {
        ...common,
        kind: 'passkey',
        enrolledVia: row.enrolled_via,
        publicKey: decodeBytes(row.public_key),
        algorithm: row.algorithm,
        signCount: row.sign_count,
        aaguid: row.aaguid,
        transports: decodeJson<string[]>(row.transports),
        attestationFormat: row.attestation_format,
        attestationTrust: row.attestation_trust,
        backupEligible: decodeFlag(row.backup_eligible),
        backupState: decodeFlag(row.backup_state),
        userVerified: decodeFlag(row.user_verified),
        deviceId: row.device_id,
      };
    case 'device_key': {
      if (row.public_key === null || row.device_id === null) return corrupt(row, 'a device key without a key or device');
      const algorithm: DeviceKeyAlgorithm = row.algorithm === -7 ? 'P-256' : row.algorithm === -8 ? 'Ed25519' : corrupt(row, `device-key algorithm ${String(row.algorithm)}`);
      const key = { ...common, kind: 'device_key' as const, publicKey: decodeBytes(row.public_key), algorithm, deviceId: row.device_id };
      return { ...key, ...deviceKeyOriginOf(row) };
    }
    case 'legacy_identity':
      if (row.sealed_value === null || row.device_id === null || row.enrolled_via !== 'biokey') return corrupt(row, 'a legacy identity without its value or device');
      return { ...common, kind: 'legacy_identity', enrolledVia: 'biokey', deviceId: row.device_id, sealedValue: row.sealed_value };
    default:
      return corrupt(row, `unknown kind ${String(row.kind)}`);
  }
}

function deviceKeyOriginOf(row: CredentialTable): DeviceKeyOrigin {
  switch (row.enrolled_via) {
    case 'swapbits':
      if (row.platform !== 'iOS' && row.platform !== 'Android') return corrupt(row, `SwapBits platform ${String(row.platform)}`);
      return { enrolledVia: 'swapbits', platform: row.platform };
    case 'biokey':
    case 'duo':
      return { enrolledVia: row.enrolled_via };
    default:
      return corrupt(row, `device key enrolled via ${row.enrolled_via}`);
  }
}
