import type { Migration } from 'kysely/migration';
import { initial } from './0001-initial.ts';
import { auditEvents } from './0002-audit-events.ts';
import { revokedTokens } from './0003-revoked-tokens.ts';
import { externalIdentities } from './0004-external-identities.ts';
import { duo } from './0005-duo.ts';
import { tenantDialects } from './0006-tenant-dialects.ts';
import { credentialKinds } from './0007-credential-kinds.ts';
import { neutralCeremonies } from './0008-neutral-ceremonies.ts';
import { devicesAndAaguidRules } from './0010-devices-and-aaguid-rules.ts';
import { management } from './0012-management.ts';
import { consoleOperators } from './0014-console-operators.ts';

/**
 * Every migration, by the name recorded in the database. Names sort in the order they run; a
 * new feature adds one file and one line here, and never edits a migration that has shipped.
 */
export const MIGRATIONS = {
  '0001_initial': initial,
  '0002_audit_events': auditEvents,
  '0003_revoked_tokens': revokedTokens,
  '0004_external_identities': externalIdentities,
  '0005_duo': duo,
  '0006_tenant_dialects': tenantDialects,
  '0007_credential_kinds': credentialKinds,
  '0008_neutral_ceremonies': neutralCeremonies,
  '0010_devices_and_aaguid_rules': devicesAndAaguidRules,
  '0012_management': management,
  '0014_console_operators': consoleOperators,
} as const satisfies Record<string, Migration>;

export type MigrationName = keyof typeof MIGRATIONS;
