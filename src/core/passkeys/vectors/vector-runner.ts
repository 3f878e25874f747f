import { readDefaultAttestationRoots } from '../../../passkeys/default-attestation-roots.ts';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import type { TestContext } from 'node:test';
import { decodeCoseKey } from '../../../crypto/cose/cose-key.ts';
import { SUPPORTED_COSE_ALGORITHMS } from '../../../crypto/cose/cose-algorithms.ts';
import { newPasskeyRecord } from '../../ceremonies/passkey-credential.ts';
import type { PasskeyCredential } from '../../credential.ts';
import { isDomainError } from '../../errors.ts';
import type { ErrorCode } from '../../errors.ts';
import { readConformanceFile } from './conformance-data.ts';

/** The clock every vector without its own `verifyAtTime` is judged at (the FixedClock default). */
export const DEFAULT_VECTOR_TIME = '2026-11-23T12:00:00.000Z';

/** Every algorithm Sigil can verify: what a tenant offering everything would list. */
export const ALL_ALGORITHMS: readonly number[] = SUPPORTED_COSE_ALGORITHMS;

/**
 * Runs `body` with `Date` frozen at `at` and the network cut off. SimpleWebAuthn reads the wall
 * clock for packed and TPM leaf validity and SafetyNet freshness, and its android-key verifier
 * may try to download CRLs; Sigil's own checks take the instant as an argument and never fetch.
 */
export async function atTime<T>(t: TestContext, at: string | null | undefined, body: (now: number) => Promise<T> | T): Promise<T> {
  const now = Date.parse(at ?? DEFAULT_VECTOR_TIME);
  // The library's android-key path asks android.googleapis.com for CRLs; it treats a failed
  // fetch as "not revoked", so cutting the network changes no outcome, only makes it offline.
  t.mock.method(globalThis, 'fetch', () => Promise.reject(new Error('no network in tests')));
  t.mock.timers.enable({ apis: ['Date'], now });
  try {
    return await body(now);
  } finally {
    t.mock.timers.reset();
  }
}

/**
 * `trustAnchors` of a vector (format → root file names) as DER per format, over Sigil's default
 * roots (what start-up loads) for the formats the vector does not name.
 */
export function anchorsByFormat(trustAnchors: Record<string, string[]> | null | undefined): Record<string, readonly Uint8Array[]> {
  const roots: Record<string, readonly Uint8Array[]> = readDefaultAttestationRoots();
  for (const [fmt, names] of Object.entries(trustAnchors ?? {})) {
    roots[fmt] = names.map((name) => {
      const file = `${name.split(' ')[0]}.pem`;
      return new Uint8Array(new X509Certificate(readConformanceFile('simplewebauthn', 'root-certificates', file)).raw);
    });
  }
  return roots;
}

/** RP IDs to try: Sigil's tenants have one RP ID, so a vector's list is tried entry by entry. */
export function rpIdsOf(expectedRPID: string | string[] | null, origin: string | string[]): string[] {
  if (expectedRPID === null) return [new URL([origin].flat()[0] as string).hostname];
  return [expectedRPID].flat();
}

const b64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64url'));

/** A stored passkey record from a vector's `credential` member. */
export function recordFromVector(credential: { id: string; publicKey: string; counter: number }): PasskeyCredential {
  const publicKey = b64(credential.publicKey);
  return newPasskeyRecord(
    { id: `vector:${credential.id.slice(0, 16)}`, tenantId: 'vectors', userId: 'vector-user', enrolledVia: 'native', deviceId: null, name: null, createdAt: 0 },
    {
      credentialId: b64(credential.id),
      publicKey,
      algorithm: decodeCoseKey(publicKey).get(3) as number,
      signCount: credential.counter,
      aaguid: null,
      transports: [],
      attestationFormat: null,
      attestationTrust: null,
      backupEligible: false,
      backupState: false,
      userVerified: false,
    },
  );
}

/** Runs `verify` once per RP ID; returns the first success or, when all fail, the first failure. */
export async function firstSuccess<T>(rpIds: readonly string[], verify: (rpId: string) => Promise<T> | T): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  let firstError: unknown;
  for (const rpId of rpIds) {
    try {
      return { ok: true, value: await verify(rpId) };
    } catch (error) {
      firstError ??= error;
    }
  }
  return { ok: false, error: firstError };
}

export function assertCode(error: unknown, code: ErrorCode): void {
  assert.ok(isDomainError(error), `expected DomainError ${code}, got ${String(error)}`);
  assert.equal(error.code, code, `detail: ${error.detail}`);
}

export const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
