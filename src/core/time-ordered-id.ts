import type { Random } from './ports.ts';

/**
 * A UUID version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then 74 random bits. Rows keyed
 * by it are inserted at the end of their index instead of at a random place, so a commit of many
 * audit rows touches one index page rather than one page per row, and ids sort by time.
 */
export function timeOrderedUuid(at: number, random: Pick<Random, 'bytes'>): string {
  if (!Number.isSafeInteger(at) || at < 0 || at >= 2 ** 48) throw new RangeError(`timestamp out of range for a UUIDv7: ${at}`);
  const bytes = new Uint8Array(16);
  bytes.set(random.bytes(10), 6);
  for (let i = 5, t = at; i >= 0; i--, t = Math.floor(t / 256)) bytes[i] = t % 256;
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f); // variant 10
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
