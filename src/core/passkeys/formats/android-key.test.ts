import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { importCosePublicKey } from '../../../crypto/cose/import-cose-public-key.ts';
import { isDomainError } from '../../errors.ts';
import { decodeAttestationObject } from '../attestation-object.ts';
import { parseAuthenticatorData } from '../authenticator-data.ts';
import { readConformanceJson } from '../vectors/conformance-data.ts';
import { anchorsByFormat } from '../vectors/vector-runner.ts';
import { verifyRegistration } from '../verify-registration.ts';
import { androidKeyFormat } from './android-key.ts';
import type { StatementVerification } from './attestation-format.ts';

interface Vector {
  id: string;
  response: { response: { attestationObject: string; clientDataJSON: string } };
  expectedChallenge: string;
  expectedOrigin: string;
  expectedRPID: string;
  verifyAtTime: string;
  trustAnchors: Record<string, string[]>;
}

/**
 * A Samsung Galaxy S9+ android-key registration (SimpleWebAuthn's fixture). Its Google
 * intermediates name CRL distribution points on android.googleapis.com; SimpleWebAuthn's own
 * android-key verifier downloads them and judges the chain by the wall clock.
 */
const vector = readConformanceJson<Vector[]>('simplewebauthn', 'registration.json').find((v) => v.id === 'swa-reg-033') as Vector;

function statementOf(v: Vector): StatementVerification {
  const attestation = decodeAttestationObject(Buffer.from(v.response.response.attestationObject, 'base64url'));
  const credential = parseAuthenticatorData(attestation.authData).attestedCredential;
  assert.ok(credential !== null);
  const clientDataHash = new Uint8Array(createHash('sha256').update(Buffer.from(v.response.response.clientDataJSON, 'base64url')).digest());
  return { attStmt: attestation.attStmt, authData: attestation.authData, clientDataHash, credentialKey: importCosePublicKey(credential.publicKey).key };
}

function refusedWith(run: () => void, detail: RegExp): void {
  assert.throws(run, (error: unknown) => isDomainError(error) && error.code === 'attestation_invalid' && detail.test(error.detail ?? ''));
}

describe('android-key verification procedure (§8.4), run by Sigil', () => {
  it('verifies a real device registration at the given time, fetching nothing and reading no wall clock', async (t: TestContext) => {
    const fetched: string[] = [];
    t.mock.method(globalThis, 'fetch', (url: unknown) => {
      fetched.push(String(url));
      return Promise.reject(new Error('no network in tests'));
    });
    // The wall clock is years past the chain's validity; only `now` may decide.
    const now = Date.parse(vector.verifyAtTime);
    const expected = { challenge: vector.expectedChallenge, origins: [vector.expectedOrigin], rpId: vector.expectedRPID, userVerification: 'preferred', algorithms: [-7], attestation: 'direct' } as const;
    const passkey = await verifyRegistration(vector.response, expected, { now, roots: anchorsByFormat(vector.trustAnchors) });
    assert.deepEqual([passkey.attestationFormat, passkey.attestationTrust, fetched], ['android-key', 'trusted', []]);
  });

  it('passes the statement of that registration', () => {
    androidKeyFormat.verify?.(statementOf(vector));
  });

  it('refuses a signature over other client data', () => {
    const statement = statementOf(vector);
    refusedWith(() => androidKeyFormat.verify?.({ ...statement, clientDataHash: new Uint8Array(32) }), /sig does not verify/);
  });

  it('refuses when the leaf certificate key is not the credential key', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    refusedWith(() => androidKeyFormat.verify?.({ ...statementOf(vector), credentialKey: other }), /not the credential public key/);
  });

  it('refuses a statement whose alg is not a COSE algorithm Sigil knows', () => {
    const statement = statementOf(vector);
    const attStmt = new Map(statement.attStmt);
    attStmt.set('alg', -999);
    refusedWith(() => androidKeyFormat.verify?.({ ...statement, attStmt }), /alg -999 is not supported/);
  });

  it('refuses a leaf that is not a certificate', () => {
    const statement = statementOf(vector);
    const attStmt = new Map(statement.attStmt);
    attStmt.set('x5c', [Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01)]);
    refusedWith(() => androidKeyFormat.verify?.({ ...statement, attStmt }), /not an X\.509 certificate/);
  });
});
