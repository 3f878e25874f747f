import { randomFillSync, randomUUID } from 'node:crypto';
import type { Clock, Random } from '../core/ports.ts';

/** The production implementations of the Clock and Random ports. */
export const systemClock: Clock = { now: () => Date.now() };

const POOL_SIZE = 4096;

/**
 * CSPRNG output, drawn from a pool refilled 4 KiB at a time: a login asks for random bytes
 * several times (challenge, its handle, token id), and one `randomFillSync` per request costs
 * more than the copy. Each byte is handed out once; copies never alias the pool.
 */
function createPooledRandom(): Random {
  const pool = Buffer.alloc(POOL_SIZE);
  let offset = POOL_SIZE;
  return {
    bytes(length) {
      if (length > POOL_SIZE / 4) return new Uint8Array(randomFillSync(Buffer.alloc(length)));
      if (offset + length > POOL_SIZE) {
        randomFillSync(pool);
        offset = 0;
      }
      const out = new Uint8Array(pool.subarray(offset, offset + length));
      offset += length;
      return out;
    },
    uuid: () => randomUUID(),
  };
}

export const systemRandom: Random = createPooledRandom();
