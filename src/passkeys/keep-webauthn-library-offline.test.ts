import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { readConformanceJson } from '../core/passkeys/vectors/conformance-data.ts';
import { anchorsByFormat } from '../core/passkeys/vectors/vector-runner.ts';
import { verifyRegistration } from '../core/passkeys/verify-registration.ts';
import type { RegisteredPasskey } from '../core/passkeys/verify-registration.ts';
import { keepWebAuthnLibraryOffline } from './keep-webauthn-library-offline.ts';

interface Vector {
  id: string;
  response: unknown;
  expectedChallenge: string;
  expectedOrigin: string;
  expectedRPID: string;
  verifyAtTime: string;
  trustAnchors: Record<string, string[]>;
}

/**
 * A Samsung Galaxy S9+ android-key registration (SimpleWebAuthn's fixture): its Google
 * intermediates name CRL distribution points on android.googleapis.com, which the library's
 * android-key verifier tries to download.
 */
const vector = readConformanceJson<Vector[]>('simplewebauthn', 'registration.json').find((v) => v.id === 'swa-reg-033') as Vector;

/** Registers the vector at its own time; returns the result and every URL anything tried to fetch. */
async function registerWatchingFetch(t: TestContext): Promise<{ passkey: RegisteredPasskey; fetched: string[] }> {
  const fetched: string[] = [];
  t.mock.method(globalThis, 'fetch', (url: unknown) => {
    fetched.push(String(url));
    return Promise.reject(new Error('no network in tests'));
  });
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse(vector.verifyAtTime) });
  const expected = { challenge: vector.expectedChallenge, origins: [vector.expectedOrigin], rpId: vector.expectedRPID, userVerification: 'preferred', algorithms: [-7], attestation: 'direct' } as const;
  const passkey = await verifyRegistration(vector.response, expected, { now: Date.parse(vector.verifyAtTime), roots: anchorsByFormat(vector.trustAnchors) });
  return { passkey, fetched };
}

// The order matters: the library is switched offline for the rest of the process.
describe('keepWebAuthnLibraryOffline', () => {
  it('without it, the library fetches Google CRLs while verifying an android-key statement', async (t) => {
    const { passkey, fetched } = await registerWatchingFetch(t);
    assert.equal(passkey.attestationTrust, 'trusted');
    assert.ok(fetched.length > 0 && fetched.every((url) => url.startsWith('https://android.googleapis.com/attestation/crl/')), fetched.join(', '));
  });

  it('with it, the same registration verifies and nothing is fetched', async (t) => {
    await keepWebAuthnLibraryOffline();
    await keepWebAuthnLibraryOffline(); // idempotent
    const { passkey, fetched } = await registerWatchingFetch(t);
    assert.deepEqual([passkey.attestationFormat, passkey.attestationTrust, fetched], ['android-key', 'trusted', []]);
  });
});
