import type { Config } from '../config/schema.ts';
import type { Clock, EphemeralStore, Logger } from '../core/ports.ts';
import { createMemoryEphemeralStore } from './memory.ts';
import { createRedisEphemeralStore } from './redis.ts';

/** Redis when REDIS_URL is set, otherwise the bounded in-process store. */
export function openEphemeral(config: Pick<Config, 'redisUrl' | 'redisKeyPrefix' | 'ephemeralMaxEntries'>, clock: Clock, logger?: Logger): EphemeralStore {
  if (config.redisUrl !== null) {
    return createRedisEphemeralStore({ url: config.redisUrl, clock, keyPrefix: config.redisKeyPrefix, ...(logger ? { logger } : {}) });
  }
  return createMemoryEphemeralStore({ clock, maxEntries: config.ephemeralMaxEntries });
}
