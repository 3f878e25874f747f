/**
 * Everything the core needs from the outside world, as interfaces. Implementations live in
 * storage/, ephemeral/, crypto/ and testing/; each port has one contract suite that every
 * implementation passes.
 */
import type { KeyObject } from 'node:crypto';
import type { AppSigningKeyRepository } from './accounts/app-signing-key.ts';
import type { ProfileRepository } from './accounts/user-profile.ts';
import type { AccountRepository } from './accounts/account-repository.ts';
import type { AaguidRuleRepository } from './authenticator-rules/aaguid-rule.ts';
import type { ClientDeviceRepository } from './devices/client-device.ts';
import type { FaceEnrollmentRepository } from './face/face-enrollment.ts';
import type { OperatorEnrollmentRepository, OperatorRepository } from './operators/operator.ts';
import type { KeyshareBackupRepository, MpcKeyRepository } from './keyshares/keyshare-repositories.ts';
import type { CodeChannel } from './one-time-codes/one-time-code.ts';
import type { Tenant } from './tenant.ts';
import type { TransactionRepository } from './transactions/transaction-repository.ts';
import type { DialectUserRepository } from './users/dialect-user-registration.ts';
import type { TenantRepository, UserRepository, CredentialRepository, ApiKeyRepository, SigningKeyRepository, AuditRepository, RevokedTokenRepository, ExternalIdentityRepository } from './repositories.ts';

export type { TenantRepository, UserPatch, UserRepository, UserPage, CredentialRepository, ApiKeyRepository, SigningKeyRepository, AuditCursor, AuditPage, AuditRepository, RevokedTokenRepository, ExternalIdentity, ExternalIdentityRepository } from './repositories.ts';

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
  /** User profiles: a second login name, locale, how and when the user last signed in. */
  readonly profiles: ProfileRepository;
  /** Whole-account removals. */
  readonly accounts: AccountRepository;
  /** RS256 keys of the ID tokens apps verify (AppKey's `jwt`). */
  readonly appSigningKeys: AppSigningKeyRepository;
  /** Devices users registered or signed in from, as their clients describe them. */
  readonly clientDevices: ClientDeviceRepository;
  /** Per-tenant rules refusing authenticator models by AAGUID. */
  readonly aaguidRules: AaguidRuleRepository;
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
  /**
   * Fixed-window counter: the window starts at the first increment and lasts `windowMs`. Throws
   * `capacity_exceeded` when a bounded store has no room for a new counter.
   */
  increment(key: string, windowMs: number): Promise<CounterState>;
  /**
   * `increment` of each key in one call (on a shared store, one round trip), the states in the
   * order of `keys`. Each counter moves atomically, as `increment` moves it; a bounded store
   * without room for every new counter among them refuses the whole call (`capacity_exceeded`)
   * and moves none.
   */
  incrementMany(keys: readonly string[], windowMs: number): Promise<CounterState[]>;
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
