import type { CredentialUsePatch } from '../../core/credential.ts';
import type { AccountRepository } from '../../core/accounts/account-repository.ts';
import type { CredentialRepository, Storage, UserRepository } from '../../core/ports.ts';

/** What a write changed, to be told to the caches once it has committed (or rolled back). */
export type WriteEffect =
  | { readonly kind: 'owner-changed'; readonly tenantId: string; readonly userId: string | null }
  | { readonly kind: 'credential-used'; readonly tenantId: string; readonly userId: string | null; readonly id: string; readonly patch: CredentialUsePatch; readonly won: boolean };

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
    async recordUse(tenantId, id, expectedSignCount, patch) {
      const userId = await ownerOf(view, tenantId, id);
      const won = await inner().recordUse(tenantId, id, expectedSignCount, patch);
      effects.push({ kind: 'credential-used', tenantId, userId, id, patch, won });
      return won;
    },
    async recordUseAudited(tenantId, id, expectedSignCount, patch, event) {
      const userId = await ownerOf(view, tenantId, id);
      const won = await inner().recordUseAudited(tenantId, id, expectedSignCount, patch, event);
      effects.push({ kind: 'credential-used', tenantId, userId, id, patch, won });
      return won;
    },
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
 * `view` with the writes of its users, credentials and accounts noted in `effects`; every read goes to `view`
 * itself (in a unit of work, reads must see the unit's own writes, not a cache).
 */
export function trackWrites(view: Storage, effects: WriteEffect[], ownerOf: OwnerLookup): Storage {
  const credentials = trackCredentials(view, effects, ownerOf);
  const users = trackUsers(view, effects);
  const accounts = trackAccounts(view, effects);
  // The other repositories are the view's own, copied as plain properties: an object literal
  // with accessors, made per unit of work, costs V8 fresh hidden classes in old space whose
  // closures then survive young collections (measured: ~3 KB promoted per login).
  const tracked: Storage = {
    ...view,
    users,
    credentials,
    accounts,
    // Joins the unit `view` belongs to; its writes are told when that unit ends.
    transaction: (work) => view.transaction((inner) => work(inner === view ? tracked : trackWrites(inner, effects, ownerOf))),
    ping: () => view.ping(),
    close: () => view.close(),
  };
  return tracked;
}
