import { createHash } from 'node:crypto';
import type { IdentityRecords } from '../device-identity.ts';
import { fromBase64Url, toBase64Url } from '../../encoding.ts';

/**
 * An enrollment that signed up a username without proof, waiting in the ephemeral store for
 * its first successful verification. Nothing durable exists for it: no user, no credential.
 * `credentials` are the records it will store, built for `userId` (the account's id to be) by
 * the builders of each kind, so the proof is checked against exactly what will be kept.
 */
export interface ProvisionalEnrollment {
  readonly id: string;
  /** Normalized. */
  readonly username: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly credentials: IdentityRecords;
  readonly expiresAt: number;
}

/** Points from a username to its current provisional enrollment (replaced by each new one). */
export function provisionalPointerKey(tenantId: string, username: string): string {
  return `device-provisional:${tenantId}:${createHash('sha256').update(username).digest('base64url')}`;
}

/** The enrollment itself, under its own id: taken exactly once, by its confirmation. */
export function provisionalRecordKey(tenantId: string, id: string): string {
  return `device-provisional-record:${tenantId}:${id}`;
}

const BYTES = '$bytes';

export function encodeProvisionalEnrollment(enrollment: ProvisionalEnrollment): string {
  return JSON.stringify(enrollment, (_key, value: unknown) => (value instanceof Uint8Array ? { [BYTES]: toBase64Url(value) } : value));
}

/** Reads back what `encodeProvisionalEnrollment` wrote (the store is Sigil's own). */
export function decodeProvisionalEnrollment(text: string): ProvisionalEnrollment {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && BYTES in value) return fromBase64Url(String((value as Record<string, unknown>)[BYTES]));
    return value;
  }) as ProvisionalEnrollment;
}
