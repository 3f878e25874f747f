import type { Random } from '../ports.ts';

const RANGE = 10 ** 6;
// The largest multiple of 10^6 below 2^32: a draw at or above it would make the low codes
// slightly likelier (modulo bias), so it is drawn again.
const LIMIT = Math.floor(2 ** 32 / RANGE) * RANGE;

/** Six uniformly random decimal digits, leading zeros kept. */
export function generateCode(random: Random): string {
  for (;;) {
    const bytes = random.bytes(4);
    const draw = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
    if (draw < LIMIT) return String(draw % RANGE).padStart(6, '0');
  }
}
