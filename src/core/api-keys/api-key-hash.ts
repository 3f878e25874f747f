import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * API keys are stored as two SHA-256 digests of the presented string: one, truncated, to find
 * the record; one, whole, to compare in constant time. The keys Sigil generates carry 256 bits
 * of randomness, so a fast hash is enough; a weak ADMIN_API_KEY is refused by configuration.
 */
export function lookupIdOf(presented: string): string {
  return createHash('sha256').update(`sigil/api-key/lookup:${presented}`).digest('hex').slice(0, 32);
}

export function secretHashOf(presented: string): string {
  return createHash('sha256').update(`sigil/api-key/secret:${presented}`).digest('hex');
}

export function secretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(secretHashOf(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
