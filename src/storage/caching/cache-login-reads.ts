import type { Config } from '../../config/schema.ts';
import type { Clock, EphemeralStore, Storage } from '../../core/ports.ts';
import { createCachingStorage } from './create-caching-storage.ts';
import { createOwnerStamps } from './owner-stamps.ts';

/**
 * The store the server runs on: the durable one behind the login-read cache (CREDENTIAL_CACHE_SIZE
 * users, 0: none). With REDIS_URL other nodes may write too, so copies are checked against
 * version stamps in Redis; on the embedded default this node is the only writer.
 */
export function cacheLoginReads<S extends Storage>(durable: S, ephemeral: EphemeralStore, clock: Clock, config: Pick<Config, 'credentialCacheSize' | 'redisUrl'>): S {
  if (config.credentialCacheSize === 0) return durable;
  return createCachingStorage(durable, { capacity: config.credentialCacheSize, now: () => clock.now(), stamps: config.redisUrl === null ? null : createOwnerStamps(ephemeral) });
}
