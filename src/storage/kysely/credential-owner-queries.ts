import type { Kysely } from 'kysely';
import type { Credential, CredentialKind, CredentialOf } from '../../core/credential.ts';
import type { User } from '../../core/user.ts';
import { credentialFromRow, type CredentialTable } from './credential-row.ts';
import type { Database } from './database.ts';
import type { HotPathExecutor } from './hot-path-executor.ts';
import { precompile } from './precompiled.ts';
import { userFromRow, type UserTable } from './user-row.ts';

/** The owner's columns as a join returns them, prefixed so they cannot collide with the credential's. */
const OWNER_COLUMNS = ['tenant_id', 'id', 'username', 'display_name', 'email', 'email_verified', 'phone', 'phone_verified', 'status', 'created_at', 'updated_at'] as const;
type OwnerColumns = { [K in (typeof OWNER_COLUMNS)[number] as `owner_${K}`]: UserTable[K] };

function ownerOf(row: OwnerColumns): User {
  // Spelled out rather than built from OWNER_COLUMNS: this runs twice per login.
  return userFromRow({
    tenant_id: row.owner_tenant_id,
    id: row.owner_id,
    username: row.owner_username,
    display_name: row.owner_display_name,
    email: row.owner_email,
    email_verified: row.owner_email_verified,
    phone: row.owner_phone,
    phone_verified: row.owner_phone_verified,
    status: row.owner_status,
    created_at: row.owner_created_at,
    updated_at: row.owner_updated_at,
  });
}

/**
 * The two reads of a login, each one query: the passkey with its owner (result step), and the
 * user with their passkeys (options step). Both are compiled once.
 */
export function createCredentialOwnerQueries(db: Kysely<Database>, hot: HotPathExecutor) {
  const ownerSelection = OWNER_COLUMNS.map((c) => `users.${c} as owner_${c}` as const);
  const withOwner = precompile<[string, string], CredentialTable & OwnerColumns>(hot, 2, (tenantId, credentialId) =>
    db
      .selectFrom('credentials')
      .innerJoin('users', (j) => j.onRef('users.tenant_id', '=', 'credentials.tenant_id').onRef('users.id', '=', 'credentials.user_id'))
      .selectAll('credentials')
      .select(ownerSelection)
      .where('credentials.tenant_id', '=', tenantId)
      .where('credentials.credential_id', '=', credentialId),
  );
  const userWithCredentials = precompile<[string, CredentialKind, string], Partial<CredentialTable> & OwnerColumns>(hot, 3, (tenantId, kind, username) =>
    db
      .selectFrom('users')
      .leftJoin('credentials', (j) => j.onRef('credentials.tenant_id', '=', 'users.tenant_id').onRef('credentials.user_id', '=', 'users.id').on('credentials.kind', '=', kind))
      .selectAll('credentials')
      .select(ownerSelection)
      .where('users.tenant_id', '=', tenantId)
      .where('users.username', '=', username)
      .orderBy('credentials.created_at')
      .orderBy('credentials.id'),
  );

  return {
    async getWithOwner(tenantId: string, credentialId: string): Promise<{ credential: Credential; owner: User } | null> {
      const [row] = (await withOwner(tenantId, credentialId)).rows;
      return row === undefined ? null : { credential: credentialFromRow(row), owner: ownerOf(row) };
    },
    async listByUsername<K extends CredentialKind>(tenantId: string, username: string, kind: K): Promise<{ user: User; credentials: CredentialOf<K>[] } | null> {
      const { rows } = await userWithCredentials(tenantId, kind, username);
      const [first] = rows;
      if (first === undefined) return null;
      // The join takes credentials of `kind` only, and each maps to its kind.
      const credentials = rows.filter((r) => r.id !== null && r.id !== undefined).map((r) => credentialFromRow(r as CredentialTable) as CredentialOf<K>);
      return { user: ownerOf(first), credentials };
    },
  };
}
