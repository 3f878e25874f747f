import type { ApiKeyTable } from './api-key-row.ts';
import type { AuditEventTable } from './audit-event-row.ts';
import type { AaguidRuleTable, ClientDeviceTable } from './client-device-row.ts';
import type { CredentialTable } from './credential-row.ts';
import type { DialectUserTable } from './dialect-user-row.ts';
import type { FaceEnrollmentTable } from './face-enrollment-row.ts';
import type { KeyshareBackupTable, MpcKeyTable } from './keyshare-rows.ts';
import type { OperatorEnrollmentTable, OperatorTable } from './operator-rows.ts';
import type { SigningKeyTable } from './signing-key-row.ts';
import type { TenantTable } from './tenant-row.ts';
import type { TransactionTable } from './transaction-row.ts';
import type { UserTable } from './user-row.ts';

/** A token revoked before its expiry; kept until it would have expired anyway. */
export interface RevokedTokenTable {
  tenant_id: string;
  jti: string;
  expires_at: number;
}

/** An external identity provider's (iss, sub) linked to a Sigil user. */
export interface ExternalIdentityTable {
  tenant_id: string;
  issuer: string;
  subject: string;
  user_id: string;
  created_at: number;
}

/**
 * The tables as the repositories see them after the latest migration. Migrations do not use
 * this type: each describes the schema as it was when it was written.
 */
export interface Database {
  tenants: TenantTable;
  users: UserTable;
  credentials: CredentialTable;
  api_keys: ApiKeyTable;
  signing_keys: SigningKeyTable;
  audit_events: AuditEventTable;
  revoked_tokens: RevokedTokenTable;
  external_identities: ExternalIdentityTable;
  mpc_keys: MpcKeyTable;
  keyshare_backups: KeyshareBackupTable;
  face_enrollments: FaceEnrollmentTable;
  transactions: TransactionTable;
  dialect_users: DialectUserTable;
  client_devices: ClientDeviceTable;
  aaguid_rules: AaguidRuleTable;
  operators: OperatorTable;
  operator_enrollments: OperatorEnrollmentTable;
}
