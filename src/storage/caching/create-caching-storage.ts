import type { Credential, CredentialKind, CredentialOf, CredentialUsePatch } from '../../core/credential.ts';
import type { CredentialRepository, Storage } from '../../core/ports.ts';
import type { User } from '../../core/user.ts';
import { credentialIdKey, OwnerCache } from './owner-cache.ts';
import { sameStamp, type OwnerStamp, type OwnerStamps } from './owner-stamps.ts';
import { trackWrites, type CredentialUse, type OwnerLookup, type WriteEffect } from './tracked-writes.ts';

export interface CachingStorageOptions {
  /** Users (with the credentials a login read of them) held at most; least recently used go first. */
  readonly capacity: number;
  readonly now: () => number;
  /**
   * Version stamps in the ephemeral store all nodes share, when there are several (Redis): a copy
   * is served only while its user's stamp is unchanged. Null for a single node (memory store).
   */
  readonly stamps: OwnerStamps | null;
}

/**
 * The storage port with the login's two reads (`getWithOwner`, `listByUsername`) answered from a
 * bounded in-process copy, filled on read. Every write through this store that changes a user or
 * a credential drops this node's copy of that user once it has committed and, with stamps, moves
 * the user's stamp so every other node drops its copy too before the write's call returns. A
 * counter move (a login's, a transaction confirmation's, a device key's) is the exception: it is
 * applied to this node's copy in place and told to no other node, to spare every login a round
 * trip to the shared store. The compare-and-set in the database stays the authority: a copy
 * elsewhere with an older counter (and older last-use time and backup state) loses it and is
 * dropped, and the ceremony judges its counter again against a fresh read. So what a copy says of
 * those three fields may lag behind another node's logins; all else is current. Reads in a unit
 * of work go to the database.
 */
export function createCachingStorage<S extends Storage>(inner: S, options: CachingStorageOptions): S {
  const cache = new OwnerCache(options.capacity);
  const { stamps, now } = options;

  // With stamps, a write by internal id must name its user even when this node never read it.
  const ownerOf: OwnerLookup = async (view, tenantId, id) => cache.ownerOf(tenantId, id) ?? (stamps === null ? null : ((await view.credentials.getById(tenantId, id))?.userId ?? null));

  async function tell(effects: readonly WriteEffect[], committed: boolean): Promise<void> {
    for (const effect of effects) {
      if (effect.kind === 'credential-used') {
        await tellUse(effect, committed);
        continue;
      }
      cache.evict(effect.tenantId, effect.userId);
      if (committed && effect.userId !== null && stamps !== null) await stamps.bump(effect.tenantId, effect.userId);
    }
  }

  /**
   * A counter move tells no other node: a copy elsewhere keeps its old counter, loses the
   * compare-and-set with it, and is dropped then (below), so that the ceremony's fresh read of the
   * credential finds the database (core/ceremonies/move-passkey-counter.ts). A won move is applied
   * to this node's copy in place, under its unchanged stamp: any other write since moved the stamp.
   */
  async function tellUse(effect: CredentialUse, committed: boolean): Promise<void> {
    const { tenantId, id } = effect;
    if (committed && effect.won) {
      const userId = cache.ownerOf(tenantId, id);
      const slot = userId === undefined ? undefined : cache.slot(tenantId, userId, now());
      if (slot !== undefined) cache.applyUse(slot, id, effect.patch);
      return;
    }
    // Lost (the database answered, and this node's copy may be the stale one), rolled back, or of
    // unknown outcome: the copy goes. A lost move whose owner this node no longer indexes asks the
    // database, lest a copy it still holds be served to the retry.
    const known = cache.ownerOf(tenantId, id);
    const userId = known ?? (committed ? ((await inner.credentials.getById(tenantId, id))?.userId ?? null) : null);
    cache.evict(tenantId, userId);
  }

  async function writing<T>(work: (view: Storage) => Promise<T>, view: Storage = inner): Promise<T> {
    const effects: WriteEffect[] = [];
    let result: T;
    try {
      result = await work(trackWrites(view, effects, ownerOf));
    } catch (error) {
      await tell(effects, false);
      throw error;
    }
    await tell(effects, true);
    return result;
  }

  /**
   * A counter move made outside a unit of work (the call is atomic by itself): told as `writing`
   * would, without wrapping the store for one call. Should the call fail, the copy is dropped:
   * whether the database applied the write is then unknown.
   */
  async function recordUseThenTell(tenantId: string, id: string, patch: CredentialUsePatch, write: () => Promise<boolean>): Promise<boolean> {
    let won: boolean;
    try {
      won = await write();
    } catch (error) {
      await tell([{ kind: 'credential-used', tenantId, id, patch, won: false }], false);
      throw error;
    }
    await tell([{ kind: 'credential-used', tenantId, id, patch, won }], true);
    return won;
  }

  /** Reads `read` for the user it names, then fills the cache when nothing changed meanwhile. */
  async function fill<F>(read: () => Promise<F | null>, ownerIdOf: (found: F) => string, tenantId: string, put: (found: F, stamp: OwnerStamp | null) => void, known?: OwnerStamp): Promise<F | null> {
    const epoch = cache.epoch;
    let found = await read();
    if (found === null) return null;
    let stamp: OwnerStamp | null = null;
    if (stamps !== null) {
      // The stamp is read before the copy that is kept, so a write committed after that read moves it.
      const ownerId = ownerIdOf(found);
      stamp = known ?? (await stamps.read(tenantId, ownerId));
      if (known === undefined) {
        found = await read();
        if (found === null || ownerIdOf(found) !== ownerId) return found;
      }
    }
    if (cache.epoch === epoch) put(found, stamp);
    return found;
  }

  const cachedCredentials: CredentialRepository = {
    create: (credential) => writing((view) => view.credentials.create(credential)),
    recordUse: (tenantId, id, expectedSignCount, patch) => recordUseThenTell(tenantId, id, patch, () => inner.credentials.recordUse(tenantId, id, expectedSignCount, patch)),
    recordUseAudited: (tenantId, id, expectedSignCount, patch, event) =>
      recordUseThenTell(tenantId, id, patch, () => inner.credentials.recordUseAudited(tenantId, id, expectedSignCount, patch, event)),
    markUsed: (tenantId, id, at) => writing((view) => view.credentials.markUsed(tenantId, id, at)),
    setStatus: (tenantId, id, status, at) => writing((view) => view.credentials.setStatus(tenantId, id, status, at)),
    rename: (tenantId, id, name) => writing((view) => view.credentials.rename(tenantId, id, name)),
    delete: (tenantId, id) => writing((view) => view.credentials.delete(tenantId, id)),
    getById: (tenantId, id) => inner.credentials.getById(tenantId, id),
    getByCredentialId: (tenantId, credentialId) => inner.credentials.getByCredentialId(tenantId, credentialId),
    listByUser: ((tenantId: string, userId: string, kind?: never) => inner.credentials.listByUser(tenantId, userId, kind as never)) as CredentialRepository['listByUser'],
    getByDevice: (tenantId, userId, kind, deviceId) => inner.credentials.getByDevice(tenantId, userId, kind, deviceId),

    async getWithOwner(tenantId, credentialId) {
      const key = credentialIdKey(credentialId);
      const hit = cache.findByCredentialId(tenantId, key, now());
      let known: OwnerStamp | undefined;
      if (hit !== undefined) {
        if (stamps === null) return { credential: hit.credential, owner: hit.slot.owner };
        known = await stamps.read(tenantId, hit.slot.owner.id);
        if (hit.slot.stamp !== null && sameStamp(hit.slot.stamp, known)) return { credential: hit.credential, owner: hit.slot.owner };
      }
      const read = (): Promise<{ credential: Credential; owner: User } | null> => inner.credentials.getWithOwner(tenantId, credentialId);
      return fill(read, (f) => f.owner.id, tenantId, (f, stamp) => cache.fillCredential(tenantId, f, stamp, now()), known);
    },

    async listByUsername<K extends CredentialKind>(tenantId: string, username: string, kind: K): Promise<{ user: User; credentials: CredentialOf<K>[] } | null> {
      const hit = cache.findByUsername(tenantId, username, kind, now());
      let known: OwnerStamp | undefined;
      if (hit !== undefined) {
        const answer = { user: hit.slot.owner, credentials: hit.credentials as CredentialOf<K>[] };
        if (stamps === null) return answer;
        known = await stamps.read(tenantId, hit.slot.owner.id);
        if (hit.slot.stamp !== null && sameStamp(hit.slot.stamp, known)) return answer;
      }
      const read = (): Promise<{ user: User; credentials: CredentialOf<K>[] } | null> => inner.credentials.listByUsername(tenantId, username, kind);
      return fill(read, (f) => f.user.id, tenantId, (f, stamp) => cache.fillList(tenantId, username, kind, f, stamp, now()), known);
    },
  };

  const users = trackWrites(inner, [], ownerOf).users;
  // What the inner store has beyond the port (the Kysely handle, the engine) is kept, so code
  // that holds the composed store as its implementation still finds it.
  const store: S = {
    ...inner,
    // A deleted tenant's users go with it; other nodes' logins then lose the counter's compare-and-set.
    tenants: { ...inner.tenants, delete: async (id) => ((await inner.tenants.delete(id)) ? (cache.clear(), true) : false) },
    users: { ...users, update: (tenantId, id, patch) => writing((view) => view.users.update(tenantId, id, patch)), delete: (tenantId, id) => writing((view) => view.users.delete(tenantId, id)) },
    credentials: cachedCredentials,
    accounts: {
      deleteUser: (tenantId, userId) => writing((view) => view.accounts.deleteUser(tenantId, userId)),
      deleteCredentials: (tenantId, userId, kind) => writing((view) => view.accounts.deleteCredentials(tenantId, userId, kind)),
    },
    // Called on a wrapper of this store (a copy with some methods replaced), a unit on SQLite
    // hands `work` that wrapper, as the SQLite store itself does: its queries run in the unit.
    transaction<T>(this: Storage | undefined, work: (view: Storage) => Promise<T>): Promise<T> {
      const caller = this === undefined || this === store ? null : this;
      return writing((tracked) => tracked.transaction((view) => work(caller !== null && view === tracked ? caller : view)));
    },
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return store;
}
