import type { CounterState, EphemeralStore } from '../../core/ports.ts';

/**
 * A version stamp per user, kept in the ephemeral store that every node shares (Redis): each write
 * that changes a user or one of their credentials moves it, after the write has committed. A node
 * serves a cached copy only while the stamp it read before filling the copy is still the stamp.
 * A login's counter move is the exception: it moves no stamp (the copies elsewhere may keep an
 * old counter; the compare-and-set in the database finds them out, see create-caching-storage.ts).
 */
export type OwnerStamp = CounterState;

export interface OwnerStamps {
  read(tenantId: string, userId: string): Promise<OwnerStamp>;
  /** Moves the stamp and returns the new one. */
  bump(tenantId: string, userId: string): Promise<OwnerStamp>;
}

/**
 * The window of a stamp's counter. A cached copy lives for much less (CACHE_MAX_AGE_MS), so a
 * stamp that expired and started again from 1 cannot match a copy made before it expired.
 */
const STAMP_WINDOW_MS = 24 * 60 * 60 * 1000;

export const CACHE_MAX_AGE_MS = 5 * 60 * 1000;

const keyOf = (tenantId: string, userId: string): string => `owner-stamp:${tenantId}:${userId}`;

export function createOwnerStamps(ephemeral: EphemeralStore): OwnerStamps {
  return {
    read: (tenantId, userId) => ephemeral.peekCounter(keyOf(tenantId, userId)),
    bump: (tenantId, userId) => ephemeral.increment(keyOf(tenantId, userId), STAMP_WINDOW_MS),
  };
}

/** Both name the same version (an absent counter reads as 0, whatever its resetAt). */
export function sameStamp(a: OwnerStamp, b: OwnerStamp): boolean {
  return a.count === b.count && (a.count === 0 || a.resetAt === b.resetAt);
}
