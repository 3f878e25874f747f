/**
 * In-process ephemeral store for single-instance deployments and tests. Expiry is judged by the
 * injected clock; sweeping only reclaims memory. The store is bounded: when it is full of live
 * entries it refuses new keys with `capacity_exceeded` rather than growing until the process dies.
 */
import { DomainError } from '../core/errors.ts';
import type { Clock, CounterState, EphemeralStore } from '../core/ports.ts';
import { assertDurationMs } from './assert-duration.ts';

export interface MemoryEphemeralStoreOptions {
  readonly clock: Clock;
  /**
   * Most keys held at once in each of the two pools, values (challenges, codes) and counters
   * (rate limits, lockouts): a flood of challenges cannot starve the rate limiter of counters.
   */
  readonly maxEntries: number;
  /** How often expired entries are swept in the background (default 60 s, real time). */
  readonly sweepIntervalMs?: number;
}

export interface MemoryEphemeralStore extends EphemeralStore {
  /** Entries held right now, including expired ones not yet swept. For metrics and tests. */
  size(): number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

interface ValueEntry {
  readonly value: string;
  readonly expiresAt: number;
}

interface CounterEntry {
  count: number;
  readonly resetAt: number;
}

export function createMemoryEphemeralStore(options: MemoryEphemeralStoreOptions): MemoryEphemeralStore {
  const { clock, maxEntries, sweepIntervalMs = 60_000 } = options;
  if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  assertDurationMs('sweepIntervalMs', sweepIntervalMs);
  // Node silently turns a longer interval into 1 ms, which would sweep continuously.
  if (sweepIntervalMs > MAX_TIMER_MS) throw new RangeError(`sweepIntervalMs must be at most ${MAX_TIMER_MS}`);

  const values = new Map<string, ValueEntry>();
  const counters = new Map<string, CounterEntry>();
  // A lower bound on every held entry's expiry. While the clock is before it nothing can have
  // expired, so a full store refuses a new key without scanning: a flood of new keys against a
  // store full of live entries costs O(1) each, not O(maxEntries).
  let earliestExpiry = Number.POSITIVE_INFINITY;

  function sweep(): void {
    const now = clock.now();
    let earliest = Number.POSITIVE_INFINITY;
    for (const [key, entry] of values) {
      if (entry.expiresAt <= now) values.delete(key);
      else earliest = Math.min(earliest, entry.expiresAt);
    }
    for (const [key, entry] of counters) {
      if (entry.resetAt <= now) counters.delete(key);
      else earliest = Math.min(earliest, entry.resetAt);
    }
    earliestExpiry = earliest;
  }

  /**
   * Makes room for every key of `keys` not yet in `pool`, or throws having added none. Counted
   * again after a sweep: the sweep may remove some of `keys` themselves (expired ones).
   */
  function admitNewKeys(pool: Map<string, unknown>, keys: readonly string[], name: string): void {
    if (pool.size + newKeysIn(pool, keys) <= maxEntries) return;
    if (clock.now() >= earliestExpiry) sweep();
    if (pool.size + newKeysIn(pool, keys) > maxEntries) refuse(name);
  }

  function newKeysIn(pool: Map<string, unknown>, keys: readonly string[]): number {
    let count = 0;
    keys.forEach((key, i) => {
      if (!pool.has(key) && keys.indexOf(key) === i) count++;
    });
    return count;
  }

  function refuse(name: string): never {
    throw new DomainError('capacity_exceeded', { detail: `memory ephemeral store is full: ${maxEntries} live ${name}` });
  }

  /** One fixed-window step of a counter that has room (see `admitNewKeys`). */
  function count(key: string, windowMs: number): CounterState {
    const live = liveCounter(key);
    if (live !== undefined) {
      live.count += 1;
      return { count: live.count, resetAt: live.resetAt };
    }
    const resetAt = clock.now() + windowMs;
    counters.set(key, { count: 1, resetAt });
    earliestExpiry = Math.min(earliestExpiry, resetAt);
    return { count: 1, resetAt };
  }

  function liveValue(key: string): ValueEntry | undefined {
    const entry = values.get(key);
    return entry !== undefined && clock.now() < entry.expiresAt ? entry : undefined;
  }

  function liveCounter(key: string): CounterEntry | undefined {
    const entry = counters.get(key);
    return entry !== undefined && clock.now() < entry.resetAt ? entry : undefined;
  }

  const timer = setInterval(sweep, sweepIntervalMs);
  // Sweeping is housekeeping: it must never be the reason a process stays alive.
  timer.unref();

  return {
    async set(key, value, ttlMs) {
      assertDurationMs('ttlMs', ttlMs);
      admitNewKeys(values, [key], 'values');
      const expiresAt = clock.now() + ttlMs;
      values.set(key, { value, expiresAt });
      earliestExpiry = Math.min(earliestExpiry, expiresAt);
    },

    async get(key) {
      return liveValue(key)?.value ?? null;
    },

    async take(key) {
      // No await between the read and the delete, so concurrent callers cannot interleave.
      const entry = liveValue(key);
      values.delete(key);
      return entry?.value ?? null;
    },

    async delete(key) {
      values.delete(key);
      counters.delete(key);
    },

    async increment(key, windowMs): Promise<CounterState> {
      assertDurationMs('windowMs', windowMs);
      admitNewKeys(counters, [key], 'counters');
      return count(key, windowMs);
    },

    async incrementMany(keys, windowMs): Promise<CounterState[]> {
      assertDurationMs('windowMs', windowMs);
      admitNewKeys(counters, keys, 'counters');
      return keys.map((key) => count(key, windowMs));
    },

    async peekCounter(key): Promise<CounterState> {
      const live = liveCounter(key);
      return live === undefined ? { count: 0, resetAt: clock.now() } : { count: live.count, resetAt: live.resetAt };
    },

    async ping() {},

    async close() {
      clearInterval(timer);
      values.clear();
      counters.clear();
    },

    size() {
      return values.size + counters.size;
    },
  };
}
