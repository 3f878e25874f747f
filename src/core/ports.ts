/**
 * Everything the core needs from the outside world, as interfaces. Implementations live in
 * storage/, ephemeral/, crypto/ and testing/; each port has one contract suite that every
 * implementation passes.
 */
import type { KeyObject } from 'node:crypto';
import type { ApiKey } from './api-key.ts';
import type { AuditEvent } from './audit-event.ts';
import type { Credential, CredentialKind, CredentialOf, CredentialStatus, CredentialUsePatch } from './credential.ts';
import type { AccountRepository } from './accounts/account-repository.ts';
import type { AaguidRuleRepository } from './authenticator-rules/aaguid-rule.ts';
import type { ClientDeviceRepository } from './devices/client-device.ts';
import type { FaceEnrollmentRepository } from './face/face-enrollment.ts';
import type { OperatorEnrollmentRepository, OperatorRepository } from './operators/operator.ts';
import type { KeyshareBackupRepository, MpcKeyRepository } from './keyshares/keyshare-repositories.ts';
import type { CodeChannel } from './one-time-codes/one-time-code.ts';
import type { SigningKeyRecord } from './signing-key.ts';
import type { Tenant } from './tenant.ts';
import type { TransactionRepository } from './transactions/transaction-repository.ts';
import type { User } from './user.ts';
import type { DialectUserRepository } from './users/dialect-user-registration.ts';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Random {
  bytes(length: number): Uint8Array;
  uuid(): string;
}

export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

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

export interface Storage {
  readonly tenants: TenantRepository;
  readonly users: UserRepository;
  readonly credentials: CredentialRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly signingKeys: SigningKeyRepository;
  readonly audit: AuditRepository;
  readonly revokedTokens: RevokedTokenRepository;
  readonly externalIdentities: ExternalIdentityRepository;
  /** MPC keys reported by an MPC node, and the sealed backups of users' shares of them. */
  readonly mpcKeys: MpcKeyRepository;
  readonly keyshares: KeyshareBackupRepository;
  /** Face step-up: each user's enrolled face. */
  readonly faces: FaceEnrollmentRepository;
  /** Transactions users confirmed (or that were decided for them), with their evidence. */
  readonly transactions: TransactionRepository;
  /** Explicit sign-ups with a dialect's service, for wires that have that step. */
  readonly dialectUsers: DialectUserRepository;
  /** Devices users registered or signed in from, as their clients describe them. */
  readonly clientDevices: ClientDeviceRepository;
  /** Per-tenant rules refusing authenticator models by AAGUID. */
  readonly aaguidRules: AaguidRuleRepository;
  /** Whole-account removals. */
  readonly accounts: AccountRepository;
  /** The console's operators, and the one-time links that enroll them. */
  readonly operators: OperatorRepository;
  readonly operatorEnrollments: OperatorEnrollmentRepository;
  /**
   * A unit of work: runs `work` with a view of the repositories whose reads and writes form one
   * transaction, committed when `work` resolves and rolled back when it throws (its error is
   * rethrown). Check-then-create sequences belong in one, so a concurrent request cannot slip
   * between the check and the write. Opened inside another, it joins that one. Work must use the
   * view it is given; on SQLite a call through the store itself runs in the unit as well.
   */
  transaction<T>(work: (storage: Storage) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Ephemeral state: challenges, counters, one-time codes. Expiry is judged by the injected clock
// (so tests freeze time); the backend's own TTL only reclaims memory.
// ---------------------------------------------------------------------------------------------

export interface CounterState {
  readonly count: number;
  /** When the window that holds this count ends (ms since epoch). */
  readonly resetAt: number;
}

/**
 * Every method rejects with `RangeError` for a TTL or window that is not a positive whole number
 * of milliseconds, and with DomainError `service_unavailable` when the backend does not answer.
 */
export interface EphemeralStore {
  /**
   * Stores `value` for `ttlMs`, replacing any previous value. Throws `capacity_exceeded`
   * (a DomainError) when a bounded store is full of live entries.
   */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  get(key: string): Promise<string | null>;
  /** Atomically reads and deletes: among concurrent callers at most one gets the value. */
  take(key: string): Promise<string | null>;
  /** Removes the value and the counter stored under `key`. */
  delete(key: string): Promise<void>;
  /** Fixed-window counter: the window starts at the first increment and lasts `windowMs`. */
  increment(key: string, windowMs: number): Promise<CounterState>;
  /** Reads a counter without changing it (`{count: 0, resetAt: now}` when absent or expired). */
  peekCounter(key: string): Promise<CounterState>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Messaging: one-time codes delivered by email or SMS. Implemented in messaging/.
// ---------------------------------------------------------------------------------------------

/** One code on its way to one address. The adapter words it; the core decides what it says. */
export interface CodeMessage {
  readonly channel: CodeChannel;
  /** An email address (email) or an E.164 phone number (sms). */
  readonly to: string;
  readonly code: string;
  /** Whole seconds the code stays valid from now, for "expires in 5 minutes". */
  readonly validForSeconds: number;
  /** Who the message comes from: the tenant's relying-party name. */
  readonly senderName: string;
  readonly tenantId: string;
  /** The caller's namespaced purpose (`appkey:signup`), for logs; never shown to the recipient. */
  readonly purpose: string;
}

export interface CodeMessenger {
  /** The channels configured for the tenant; a channel not listed is not offered to its users. */
  channels(tenant: Tenant): readonly CodeChannel[];
  /**
   * Hands the message to the provider; resolves once the provider accepted it. Rejects with
   * DomainError `delivery_failed` (with a detail that never contains the code) when it did not.
   */
  send(message: CodeMessage): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Signing keys for access tokens. Implemented in crypto/ (keys sealed at rest, cached in memory).
// ---------------------------------------------------------------------------------------------

export interface ActiveSigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

export interface Keyring {
  /** The tenant's current signing key; created on first use. */
  current(tenantId: string): Promise<ActiveSigningKey>;
  /** A public key still allowed to verify tokens (current or recently retired), or null. */
  verificationKey(tenantId: string, kid: string): Promise<KeyObject | null>;
}
