import type { Credential, CredentialKind, CredentialUsePatch } from '../../core/credential.ts';
import type { User } from '../../core/user.ts';
import { LruMap } from '../../core/lru-map.ts';
import { CACHE_MAX_AGE_MS, type OwnerStamp } from './owner-stamps.ts';

/** What one node holds about one user: the user and the credentials a login read of them. */
export interface OwnerSlot {
  owner: User;
  /** The shared stamp read before the copy was filled; null on a single node (no stamps). */
  stamp: OwnerStamp | null;
  readonly filledAt: number;
  /** By credential id (the bytes as a latin1 string), as `getWithOwner` returned them. */
  readonly byCredentialId: Map<string, Credential>;
  /** By kind, as `listByUsername` returned them. */
  readonly lists: Map<CredentialKind, Credential[]>;
}

export const credentialIdKey = (credentialId: Uint8Array): string => Buffer.from(credentialId.buffer, credentialId.byteOffset, credentialId.byteLength).toString('latin1');

const usedCopy = (credential: Credential, id: string, patch: CredentialUsePatch): Credential =>
  credential.id === id && credential.kind === 'passkey' ? { ...credential, signCount: patch.signCount, backupEligible: patch.backupEligible, backupState: patch.backupState, lastUsedAt: patch.lastUsedAt } : credential;

/**
 * The bounded in-process copy of users and their credentials behind the login's two reads: one
 * slot per user (LRU, `capacity` users), and indexes from credential id, internal id and username
 * to the user. `epoch` moves with every eviction: a read that started before one must not fill.
 */
export class OwnerCache {
  readonly #slots: LruMap<string, OwnerSlot>;
  readonly #byCredentialId: LruMap<string, string>;
  readonly #byId: LruMap<string, string>;
  readonly #byUsername: LruMap<string, string>;
  #epoch = 0;

  constructor(capacity: number) {
    this.#slots = new LruMap(capacity);
    // A user has a few credentials; the indexes point at slots and are checked against them.
    this.#byCredentialId = new LruMap(capacity * 2);
    this.#byId = new LruMap(capacity * 2);
    this.#byUsername = new LruMap(capacity);
  }

  get epoch(): number {
    return this.#epoch;
  }

  slot(tenantId: string, userId: string, now: number): OwnerSlot | undefined {
    const slot = this.#slots.get(`${tenantId}\u0000${userId}`);
    if (slot === undefined || now - slot.filledAt >= CACHE_MAX_AGE_MS) return undefined;
    return slot;
  }

  findByCredentialId(tenantId: string, credentialId: string, now: number): { slot: OwnerSlot; credential: Credential } | undefined {
    const userId = this.#byCredentialId.get(`${tenantId}\u0000${credentialId}`);
    const slot = userId === undefined ? undefined : this.slot(tenantId, userId, now);
    const credential = slot?.byCredentialId.get(credentialId);
    return slot && credential ? { slot, credential } : undefined;
  }

  findByUsername(tenantId: string, username: string, kind: CredentialKind, now: number): { slot: OwnerSlot; credentials: Credential[] } | undefined {
    const userId = this.#byUsername.get(`${tenantId}\u0000${username}`);
    const slot = userId === undefined ? undefined : this.slot(tenantId, userId, now);
    const credentials = slot?.lists.get(kind);
    return slot && credentials ? { slot, credentials } : undefined;
  }

  /** The user a credential (by internal id) belongs to, when this node has read it. */
  ownerOf(tenantId: string, id: string): string | undefined {
    return this.#byId.get(`${tenantId}\u0000${id}`);
  }

  /** A slot for `owner` filled under `stamp`: the one held when its stamp is the same, else a new one. */
  #slotFor(tenantId: string, owner: User, stamp: OwnerStamp | null, now: number): OwnerSlot {
    const key = `${tenantId}\u0000${owner.id}`;
    const held = this.slot(tenantId, owner.id, now);
    const same = held !== undefined && (stamp === null ? held.stamp === null : held.stamp !== null && held.stamp.count === stamp.count && held.stamp.resetAt === stamp.resetAt);
    if (held !== undefined && same) {
      held.owner = owner;
      return held;
    }
    const slot: OwnerSlot = { owner, stamp, filledAt: now, byCredentialId: new Map(), lists: new Map() };
    this.#slots.set(key, slot);
    return slot;
  }

  fillCredential(tenantId: string, found: { credential: Credential; owner: User }, stamp: OwnerStamp | null, now: number): void {
    const slot = this.#slotFor(tenantId, found.owner, stamp, now);
    const key = credentialIdKey(found.credential.credentialId);
    slot.byCredentialId.set(key, found.credential);
    this.#byCredentialId.set(`${tenantId}\u0000${key}`, found.owner.id);
    this.#byId.set(`${tenantId}\u0000${found.credential.id}`, found.owner.id);
  }

  fillList(tenantId: string, username: string, kind: CredentialKind, found: { user: User; credentials: Credential[] }, stamp: OwnerStamp | null, now: number): void {
    const slot = this.#slotFor(tenantId, found.user, stamp, now);
    slot.lists.set(kind, found.credentials);
    this.#byUsername.set(`${tenantId}\u0000${username}`, found.user.id);
    // Each listed credential answers `getWithOwner` too: the options step lists a user's passkeys
    // and the result step, a moment later, asks for one of them by id. On a cold user that is
    // one database read per login instead of two.
    for (const credential of found.credentials) {
      const key = credentialIdKey(credential.credentialId);
      slot.byCredentialId.set(key, credential);
      this.#byCredentialId.set(`${tenantId}\u0000${key}`, found.user.id);
      this.#byId.set(`${tenantId}\u0000${credential.id}`, found.user.id);
    }
  }

  /** A committed counter move, applied to this node's copies. */
  applyUse(slot: OwnerSlot, id: string, patch: CredentialUsePatch): void {
    for (const [key, credential] of slot.byCredentialId) if (credential.id === id) slot.byCredentialId.set(key, usedCopy(credential, id, patch));
    for (const [kind, list] of slot.lists) if (list.some((c) => c.id === id)) slot.lists.set(kind, list.map((c) => usedCopy(c, id, patch)));
  }

  /** Forgets everything (a tenant was deleted: rare enough to start over). */
  clear(): void {
    this.#epoch++;
    for (const map of [this.#slots, this.#byCredentialId, this.#byId, this.#byUsername] as LruMap<string, unknown>[]) map.clear();
  }

  evict(tenantId: string, userId: string | null): void {
    this.#epoch++;
    if (userId !== null) this.#slots.delete(`${tenantId}\u0000${userId}`);
  }
}
