/**
 * The durable repositories the core needs, one interface per kind of record. Implemented in
 * storage/ (one Kysely implementation for SQLite and PostgreSQL) and checked by the storage
 * contract suite; `Storage` in ports.ts gathers them.
 */
import type { ApiKey } from './api-key.ts';
import type { AuditEvent } from './audit-event.ts';
import type { Credential, CredentialKind, CredentialOf, CredentialStatus, CredentialUsePatch } from './credential.ts';
import type { SigningKeyRecord } from './signing-key.ts';
import type { Tenant } from './tenant.ts';
import type { User } from './user.ts';

// ---------------------------------------------------------------------------------------------
// Durable storage. Every method that reads or writes tenant data takes the tenant id first, and
// an implementation never returns a row of another tenant.
// ---------------------------------------------------------------------------------------------

export interface TenantRepository {
  /** Inserts; fails with `invalid_request` when the slug is taken. */
  create(tenant: Tenant): Promise<void>;
  /** Replaces the mutable fields (name, RP ID, origins, policies, integrations, dialects, status, updatedAt). */
  update(tenant: Tenant): Promise<void>;
  /**
   * Deletes the tenant and every row it owns (users and all they own, API keys, signing keys,
   * revoked tokens, AAGUID rules), except its audit log, which is append-only and outlives it. Several
   * statements: call it inside `Storage.transaction`. False when the tenant does not exist.
   */
  delete(id: string): Promise<boolean>;
  getById(id: string): Promise<Tenant | null>;
  getBySlug(slug: string): Promise<Tenant | null>;
  list(): Promise<Tenant[]>;
}

export interface UserPatch {
  readonly displayName?: string;
  readonly email?: string | null;
  readonly emailVerified?: boolean;
  readonly phone?: string | null;
  readonly phoneVerified?: boolean;
  readonly status?: User['status'];
  readonly updatedAt: number;
}

export interface UserRepository {
  /** Inserts; fails with `username_taken` when the username exists in the tenant. */
  create(user: User): Promise<void>;
  getById(tenantId: string, id: string): Promise<User | null>;
  getByUsername(tenantId: string, username: string): Promise<User | null>;
  /** Returns the updated user, or null when it does not exist in the tenant. */
  update(tenantId: string, id: string, patch: UserPatch): Promise<User | null>;
  /**
   * A page in id order behind `after` (the last id of the previous page). With `query`, only
   * users whose username, email or phone contains it, compared without regard to ASCII case.
   */
  list(tenantId: string, page: UserPage): Promise<User[]>;
  /**
   * Deletes the user and everything they own (credentials, external identities, MPC keys and
   * key-share backups, face enrollment, transactions, dialect sign-ups, client devices). Several statements:
   * call it inside `Storage.transaction`. False when the user does not exist in the tenant.
   */
  delete(tenantId: string, id: string): Promise<boolean>;
}

export interface UserPage {
  readonly limit: number;
  readonly after?: string;
  readonly query?: string;
}

export interface CredentialRepository {
  /**
   * Inserts; fails with `credential_conflict` when the credential id exists in the tenant, or for
   * an active device key where the user's device already has one of the same dialect.
   */
  create(credential: Credential): Promise<void>;
  getById(tenantId: string, id: string): Promise<Credential | null>;
  getByCredentialId(tenantId: string, credentialId: Uint8Array): Promise<Credential | null>;
  /** A credential and its owner in one read (the login hot path). */
  getWithOwner(tenantId: string, credentialId: Uint8Array): Promise<{ credential: Credential; owner: User } | null>;
  /** A user found by username with their credentials of `kind`, in one read (login options). */
  listByUsername<K extends CredentialKind>(tenantId: string, username: string, kind: K): Promise<{ user: User; credentials: CredentialOf<K>[] } | null>;
  /** A user's credentials (of `kind`, when given), oldest first. */
  listByUser(tenantId: string, userId: string): Promise<Credential[]>;
  listByUser<K extends CredentialKind>(tenantId: string, userId: string, kind: K): Promise<CredentialOf<K>[]>;
  /** The newest credential of `kind` a user holds for a client-chosen device id, if any. */
  getByDevice<K extends CredentialKind>(tenantId: string, userId: string, kind: K, deviceId: string): Promise<CredentialOf<K> | null>;
  /**
   * Compare-and-set on the signature counter: applies `patch` only when the stored counter
   * still equals `expectedSignCount` and the credential is still active (one revoked between a
   * login's read and this write does not complete it). Returns whether this caller won. A use and its audit
   * record commit together when both are written in one unit of work (`Storage.transaction`).
   */
  recordUse(tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch): Promise<boolean>;
  /**
   * `recordUse` and the append of `event` to the audit log as one atomic unit: when the
   * compare-and-set wins, both are stored; when it loses, neither (false); when the event cannot
   * be written, the call fails and the counter does not move. The login's durable write, which
   * each engine does in its cheapest atomic form (two statements in one savepoint of SQLite's
   * batched commit; one statement on PostgreSQL).
   */
  recordUseAudited(tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch, event: AuditEvent): Promise<boolean>;
  /** Notes the use of a credential without a counter (a device key). False when absent or revoked. */
  markUsed(tenantId: string, id: string, at: number): Promise<boolean>;
  setStatus(tenantId: string, id: string, status: CredentialStatus, at: number): Promise<boolean>;
  rename(tenantId: string, id: string, name: string): Promise<boolean>;
  delete(tenantId: string, id: string): Promise<boolean>;
}

export interface ApiKeyRepository {
  create(key: ApiKey): Promise<void>;
  /** Lookup ids are globally unique, so this is the one read not scoped by tenant. */
  getByLookupId(lookupId: string): Promise<ApiKey | null>;
  listByTenant(tenantId: string): Promise<ApiKey[]>;
  revoke(tenantId: string, id: string, at: number): Promise<boolean>;
  touch(tenantId: string, id: string, at: number): Promise<void>;
}

export interface SigningKeyRepository {
  create(key: SigningKeyRecord): Promise<void>;
  listByTenant(tenantId: string): Promise<SigningKeyRecord[]>;
  retire(tenantId: string, kid: string, at: number): Promise<boolean>;
}

/** Where a page of the audit log ends: the last event's time and id (events sort by both). */
export interface AuditCursor {
  readonly at: number;
  readonly id: string;
}

/** A page of the audit log: position, then filters that each narrow it (exact matches). */
export interface AuditPage {
  readonly limit: number;
  readonly before?: number;
  readonly after?: AuditCursor;
  readonly action?: string;
  readonly subject?: string;
  readonly actor?: string;
  readonly outcome?: AuditEvent['outcome'];
  /** Events at or after this time (ms since epoch). */
  readonly since?: number;
  /** Events before this time (exclusive). */
  readonly until?: number;
}

export interface AuditRepository {
  append(event: AuditEvent): Promise<void>;
  /**
   * Newest first, ordered by time then id. `after` continues exactly behind a page's last event,
   * even among events of the same millisecond; `before` (a time, exclusive) starts a page there.
   */
  list(tenantId: string, page: AuditPage): Promise<AuditEvent[]>;
}

export interface RevokedTokenRepository {
  revoke(tenantId: string, jti: string, expiresAt: number): Promise<void>;
  isRevoked(tenantId: string, jti: string): Promise<boolean>;
  /** Deletes entries whose token would have expired anyway. Returns how many. */
  purgeExpired(now: number): Promise<number>;
}

/** A user of an external identity provider, known to Sigil as one of its users. */
export interface ExternalIdentity {
  readonly tenantId: string;
  /** `iss` of the provider's tokens. */
  readonly issuer: string;
  /** `sub` of the provider's tokens. */
  readonly subject: string;
  readonly userId: string;
  readonly createdAt: number;
}

export interface ExternalIdentityRepository {
  /** The user an external (issuer, subject) pair maps to in the tenant, or null. */
  findUserId(tenantId: string, issuer: string, subject: string): Promise<string | null>;
  /**
   * Links the pair unless it is already linked, and returns the user it is linked to: when two
   * requests race, the first link wins and both get its user.
   */
  link(identity: ExternalIdentity): Promise<string>;
}
