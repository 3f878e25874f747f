import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Random } from '../core/ports.ts';

/** The production implementations of the Clock and Random ports. */
export const systemClock: Clock = { now: () => Date.now() };

export const systemRandom: Random = {
  bytes: (length) => new Uint8Array(randomBytes(length)),
  uuid: () => randomUUID(),
};
