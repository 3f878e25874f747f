import { createHash } from 'node:crypto';
import type { Random } from '../core/ports.ts';

/** Deterministic bytes for tests that assert exact values: SHA-256 in counter mode. */
export class SeededRandom implements Random {
  #seed: string;
  #counter = 0;

  constructor(seed = 'sigil-test') {
    this.#seed = seed;
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const block = createHash('sha256').update(`${this.#seed}:${this.#counter++}`).digest();
      const take = Math.min(block.length, length - filled);
      out.set(block.subarray(0, take), filled);
      filled += take;
    }
    return out;
  }

  uuid(): string {
    const b = this.bytes(16);
    b[6] = ((b[6] as number) & 0x0f) | 0x40;
    b[8] = ((b[8] as number) & 0x3f) | 0x80;
    const h = Buffer.from(b).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
