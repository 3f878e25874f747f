import type { CredentialUsePatch } from '../../core/credential.ts';
import type { AccountRepository } from '../../core/accounts/account-repository.ts';
import type { CredentialRepository, Storage, UserRepository } from '../../core/ports.ts';

/** A counter move by compare-and-set (won or lost), of the credential with internal id `id`. */
export interface CredentialUse {
  readonly kind: 'credential-used';
  readonly tenantId: string;
  readonly id: string;
  readonly patch: CredentialUsePatch;
  readonly won: boolean;
}

/** What a write changed, to be told to the caches once it has committed (or rolled back). */
export type WriteEffect = { readonly kind: 'owner-changed'; readonly tenantId: string; readonly userId: string | null } | CredentialUse;

/** Finds who owns a credential before a write by internal id (null: not known, nothing to tell). */
export type OwnerLookup = (view: Storage, tenantId: string, id: string) => Promise<string | null>;

function trackCredentials(view: Storage, effects: WriteEffect[], ownerOf: OwnerLookup): CredentialRepository {
  const inner = (): CredentialRepository => view.credentials;
  const byId = async (tenantId: string, id: string, write: () => Promise<boolean>): Promise<boolean> => {
    const userId = await ownerOf(view, tenantId, id);
    const changed = await write();
    if (changed) effects.push({ kind: 'owner-changed', tenantId, userId });
    return changed;
  };
  // A counter move is noted whether it won or not: a lost one drops the cached copy. Its owner is
  // looked up when it is told (only this node's copy is concerned).
  const used = async (tenantId: string, id: string, patch: CredentialUsePatch, write: () => Promise<boolean>): Promise<boolean> => {
    const won = await write();
    effects.push({ kind: 'credential-used', tenantId, id, patch, won });
    return won;
  };
  return {
    async create(credential) {
      await inner().create(credential);
      effects.push({ kind: 'owner-changed', tenantId: credential.tenantId, userId: credential.userId });
    },
    getById: (tenantId, id) => inner().getById(tenantId, id),
    getByCredentialId: (tenantId, credentialId) => inner().getByCredentialId(tenantId, credentialId),
    getWithOwner: (tenantId, credentialId) => inner().getWithOwner(tenantId, credentialId),
    listByUsername: (tenantId, username, kind) => inner().listByUsername(tenantId, username, kind),
    listByUser: ((tenantId: string, userId: string, kind?: never) => inner().listByUser(tenantId, userId, kind as never)) as CredentialRepository['listByUser'],
    getByDevice: (tenantId, userId, kind, deviceId) => inner().getByDevice(tenantId, userId, kind, deviceId),
    recordUse: (tenantId, id, expectedSignCount, patch) => used(tenantId, id, patch, () => inner().recordUse(tenantId, id, expectedSignCount, patch)),
    recordUseAudited: (tenantId, id, expectedSignCount, patch, event) => used(tenantId, id, patch, () => inner().recordUseAudited(tenantId, id, expectedSignCount, patch, event)),
    markUsed: (tenantId, id, at) => byId(tenantId, id, () => inner().markUsed(tenantId, id, at)),
    setStatus: (tenantId, id, status, at) => byId(tenantId, id, () => inner().setStatus(tenantId, id, status, at)),
    rename: (tenantId, id, name) => byId(tenantId, id, () => inner().rename(tenantId, id, name)),
    delete: (tenantId, id) => byId(tenantId, id, () => inner().delete(tenantId, id)),
  };
}

function trackUsers(view: Storage, effects: WriteEffect[]): UserRepository {
  const inner = (): UserRepository => view.users;
  return {
    // A new user was cached nowhere: reads of absent users are not cached.
    create: (user) => inner().create(user),
    getById: (tenantId, id) => inner().getById(tenantId, id),
    getByUsername: (tenantId, username) => inner().getByUsername(tenantId, username),
    async update(tenantId, id, patch) {
      const updated = await inner().update(tenantId, id, patch);
      if (updated !== null) effects.push({ kind: 'owner-changed', tenantId, userId: id });
      return updated;
    },
    list: (tenantId, page) => inner().list(tenantId, page),
    async delete(tenantId, id) {
      const deleted = await inner().delete(tenantId, id);
      if (deleted) effects.push({ kind: 'owner-changed', tenantId, userId: id });
      return deleted;
    },
  };
}

function trackAccounts(view: Storage, effects: WriteEffect[]): AccountRepository {
  return {
    async deleteUser(tenantId, userId) {
      const deleted = await view.accounts.deleteUser(tenantId, userId);
      if (deleted) effects.push({ kind: 'owner-changed', tenantId, userId });
      return deleted;
    },
    async deleteCredentials(tenantId, userId, kind) {
      const count = await view.accounts.deleteCredentials(tenantId, userId, kind);
      if (count > 0) effects.push({ kind: 'owner-changed', tenantId, userId });
      return count;
    },
  };
}

/**
 * A store that delegates to `view`, with the writes of its users, credentials and accounts
 * noted. A class with its getters on the prototype: the view's other repositories are read only
 * when used (a PostgreSQL unit's view builds them lazily), and making one is one allocation of
 * one shape, not an object literal with accessors (fresh hidden classes and closures each time).
 */
class TrackedStorage implements Storage {
  readonly #view: Storage;
  readonly #effects: WriteEffect[];
  readonly #ownerOf: OwnerLookup;
  readonly users: UserRepository;
  readonly credentials: CredentialRepository;
  readonly accounts: AccountRepository;

  constructor(view: Storage, effects: WriteEffect[], ownerOf: OwnerLookup) {
    this.#view = view;
    this.#effects = effects;
    this.#ownerOf = ownerOf;
    this.credentials = trackCredentials(view, effects, ownerOf);
    this.users = trackUsers(view, effects);
    this.accounts = trackAccounts(view, effects);
  }

  get tenants() { return this.#view.tenants; }
  get apiKeys() { return this.#view.apiKeys; }
  get signingKeys() { return this.#view.signingKeys; }
  get audit() { return this.#view.audit; }
  get revokedTokens() { return this.#view.revokedTokens; }
  get externalIdentities() { return this.#view.externalIdentities; }
  get mpcKeys() { return this.#view.mpcKeys; }
  get keyshares() { return this.#view.keyshares; }
  get faces() { return this.#view.faces; }
  get transactions() { return this.#view.transactions; }
  get dialectUsers() { return this.#view.dialectUsers; }
  get clientDevices() { return this.#view.clientDevices; }
  get aaguidRules() { return this.#view.aaguidRules; }
  get profiles() { return this.#view.profiles; }
  get appSigningKeys() { return this.#view.appSigningKeys; }
  get operators() { return this.#view.operators; }
  get operatorEnrollments() { return this.#view.operatorEnrollments; }

  /** Joins the unit `view` belongs to; its writes are told when that unit ends. */
  transaction<T>(work: (view: Storage) => Promise<T>): Promise<T> {
    return this.#view.transaction((inner) => work(inner === this.#view ? this : new TrackedStorage(inner, this.#effects, this.#ownerOf)));
  }

  ping(): Promise<void> {
    return this.#view.ping();
  }

  close(): Promise<void> {
    return this.#view.close();
  }
}

/**
 * `view` with the writes of its users, credentials and accounts noted in `effects`; every read goes to `view`
 * itself (in a unit of work, reads must see the unit's own writes, not a cache).
 */
export function trackWrites(view: Storage, effects: WriteEffect[], ownerOf: OwnerLookup): Storage {
  return new TrackedStorage(view, effects, ownerOf);
}
