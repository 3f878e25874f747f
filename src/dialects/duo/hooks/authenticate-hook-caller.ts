import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../../core/errors.ts';

/**
 * The MPC node authenticates its hook calls with `Authorization: Bearer <secret>`; the tenant's
 * Duo settings hold only the secret's SHA-256 (`expectedHex`). Both digests are 32 bytes, so the
 * comparison is constant time whatever was presented. Without a configured secret the hooks refuse every call.
 */
export function authenticateHookCaller(expectedHex: string | null, presented: string | null): void {
  if (expectedHex === null) throw new DomainError('forbidden', { detail: 'no Duo hook secret is configured for this tenant' });
  if (presented === null) throw new DomainError('unauthorized', { detail: 'hook call without a bearer secret' });
  const expected = Buffer.from(expectedHex, 'hex');
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  if (expected.length !== digest.length || !timingSafeEqual(expected, digest)) {
    throw new DomainError('unauthorized', { detail: 'hook call with a wrong bearer secret' });
  }
}
