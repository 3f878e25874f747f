import type { AttestationTrust, Credential, CredentialKind, CredentialStatus } from '../../core/credential.ts';
import { decodeBytes, decodeFlag, decodeJson, encodeBytes, encodeFlag, encodeJson } from './column-codecs.ts';

export interface CredentialTable {
  tenant_id: string;
  id: string;
  user_id: string;
  kind: CredentialKind;
  /** base64url of the wire credential id. */
  credential_id: string;
  /** base64url of the COSE_Key or SPKI DER. */
  public_key: string;
  algorithm: number;
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
  platform: string | null;
  status: CredentialStatus;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export function credentialToRow(credential: Credential): CredentialTable {
  return {
    tenant_id: credential.tenantId,
    id: credential.id,
    user_id: credential.userId,
    kind: credential.kind,
    credential_id: encodeBytes(credential.credentialId),
    public_key: encodeBytes(credential.publicKey),
    algorithm: credential.algorithm,
    sign_count: credential.signCount,
    aaguid: credential.aaguid,
    transports: encodeJson(credential.transports),
    attestation_format: credential.attestationFormat,
    attestation_trust: credential.attestationTrust,
    backup_eligible: encodeFlag(credential.backupEligible),
    backup_state: encodeFlag(credential.backupState),
    user_verified: encodeFlag(credential.userVerified),
    device_id: credential.deviceId,
    name: credential.name,
    platform: credential.platform,
    status: credential.status,
    created_at: credential.createdAt,
    last_used_at: credential.lastUsedAt,
    revoked_at: credential.revokedAt,
  };
}

export function credentialFromRow(row: CredentialTable): Credential {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    kind: row.kind,
    credentialId: decodeBytes(row.credential_id),
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
    name: row.name,
    platform: row.platform,
    status: row.status,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
