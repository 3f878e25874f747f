/**
 * Ephemeral store on Redis, shared by every server instance. Layout, under `keyPrefix`:
 *
 *   <prefix>v:<key>  string  `<expiresAt>:<value>` (see value-envelope.ts), PX = ttl + slack
 *   <prefix>c:<key>  hash    { count, resetAt } (see increment-script.ts), PX = window + slack
 *
 * Expiry is judged by the injected clock against the stored `expiresAt` / `resetAt`; Redis's own
 * TTL only reclaims memory and is set `expirySlackMs` longer, so it cannot remove a value early
 * (e.g. when one instance's clock runs behind another's). `take` is GETDEL (Redis ≥ 6.2).
 *
 * Failure is bounded rather than queued forever, so `/ready` can report Redis down within about
 * a second: a command waits at most `commandTimeoutMs` in all (connecting included), a queued
 * command fails on the first failed (re)connect attempt (`maxRetriesPerRequest: 0`), and the
 * client keeps reconnecting in the background so the store recovers on its own. The offline
 * queue stays on so calls made while the first connection is opening simply wait for it. Every
 * Redis failure surfaces as `service_unavailable`, with the cause kept for the log.
 */
import { Redis } from 'ioredis';
import { DomainError } from '../core/errors.ts';
import type { Clock, CounterState, EphemeralStore, Logger } from '../core/ports.ts';
import { assertDurationMs } from './assert-duration.ts';
import { INCREMENT_SCRIPT } from './increment-script.ts';
import { decodeValueEnvelope, encodeValueEnvelope } from './value-envelope.ts';

export interface RedisEphemeralStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  readonly url: string;
  readonly clock: Clock;
  /** Prepended to every key (e.g. `sigil:`) so deployments and test runs can share a server. */
  readonly keyPrefix: string;
  /** Bound on one TCP connect attempt (default 1000 ms). */
  readonly connectTimeoutMs?: number;
  /** Bound on every call, time spent waiting for a connection included (default 1000 ms). */
  readonly commandTimeoutMs?: number;
  /** How much longer Redis keeps an entry than its logical lifetime (default 5000 ms). */
  readonly expirySlackMs?: number;
  /** Receives connection errors; without it they are only visible through failing calls. */
  readonly logger?: Logger;
}

/** Seconds a client is told to wait after Redis failed it (`Retry-After`): about one reconnect. */
export const REDIS_RETRY_AFTER_SECONDS = 1;

interface ScriptCommands {
  /** `numberOfKeys`, the keys, then now, windowMs and the physical TTL (increment-script.ts). */
  sigilIncrement(...keysThenArgs: (string | number)[]): Promise<number[]>;
}

export function createRedisEphemeralStore(options: RedisEphemeralStoreOptions): EphemeralStore {
  const { clock, keyPrefix, logger, connectTimeoutMs = 1000, commandTimeoutMs = 1000, expirySlackMs = 5000 } = options;
  assertDurationMs('connectTimeoutMs', connectTimeoutMs);
  assertDurationMs('commandTimeoutMs', commandTimeoutMs);
  if (!Number.isSafeInteger(expirySlackMs) || expirySlackMs < 0) {
    throw new RangeError(`expirySlackMs must be a non-negative integer, got ${expirySlackMs}`);
  }

  const redis = new Redis(options.url, {
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: true,
    // Commands issued in one turn of the event loop (the challenges and rate-limit counters of
    // concurrent requests) go out in one write: fewer system calls per command under load.
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    // No fixed numberOfKeys: each call passes its own count first (one key, or several).
    scripts: { sigilIncrement: { lua: INCREMENT_SCRIPT } },
  }) as Redis & ScriptCommands;
  // Without a listener ioredis prints every reconnect failure to stderr itself.
  redis.on('error', (error: Error) => {
    logger?.warn({ err: error.message }, 'redis ephemeral store: connection error');
  });

  const valueKey = (key: string): string => `${keyPrefix}v:${key}`;
  const counterKey = (key: string): string => `${keyPrefix}c:${key}`;

  async function call<T>(command: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new DomainError('service_unavailable', { detail: `redis ${command} failed`, retryAfterSeconds: REDIS_RETRY_AFTER_SECONDS, cause: error });
    }
  }

  /** One script call for all of `keys` (increment-script.ts); `increment` is its one-key case. */
  async function incrementMany(keys: readonly string[], windowMs: number): Promise<CounterState[]> {
    assertDurationMs('windowMs', windowMs);
    if (keys.length === 0) return [];
    const reply = await call('EVALSHA increment', () => redis.sigilIncrement(keys.length, ...keys.map(counterKey), clock.now(), windowMs, windowMs + expirySlackMs));
    const states: CounterState[] = [];
    for (let i = 0; i < keys.length; i++) states.push({ count: reply[2 * i]!, resetAt: reply[2 * i + 1]! });
    return states;
  }

  function liveValue(raw: string | null): string | null {
    if (raw === null) return null;
    const envelope = decodeValueEnvelope(raw);
    return clock.now() < envelope.expiresAt ? envelope.value : null;
  }

  return {
    async set(key, value, ttlMs) {
      assertDurationMs('ttlMs', ttlMs);
      const raw = encodeValueEnvelope({ value, expiresAt: clock.now() + ttlMs });
      await call('SET', () => redis.set(valueKey(key), raw, 'PX', ttlMs + expirySlackMs));
    },

    async get(key) {
      return liveValue(await call('GET', () => redis.get(valueKey(key))));
    },

    async take(key) {
      // GETDEL is one atomic command: of concurrent takers exactly one sees the envelope.
      return liveValue(await call('GETDEL', () => redis.getdel(valueKey(key))));
    },

    async delete(key) {
      await call('DEL', () => redis.del(valueKey(key), counterKey(key)));
    },

    async increment(key, windowMs): Promise<CounterState> {
      return (await incrementMany([key], windowMs))[0] as CounterState;
    },

    incrementMany,

    async peekCounter(key): Promise<CounterState> {
      const [count, resetAt] = await call('HMGET', () => redis.hmget(counterKey(key), 'count', 'resetAt'));
      const now = clock.now();
      if (count == null || resetAt == null || Number(resetAt) <= now) return { count: 0, resetAt: now };
      return { count: Number(count), resetAt: Number(resetAt) };
    },

    async ping() {
      await call('PING', () => redis.ping());
    },

    async close() {
      // QUIT lets pending replies arrive; when Redis is unreachable, just drop the socket.
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
