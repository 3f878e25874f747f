/**
 * Every authentication vector of test/vectors/py_webauthn (BSD 3-Clause, © 2017-2021 Duo
 * Security, Inc.) through `verifyAssertion`: EC2, RSA, OKP and ML-DSA-44/65/87 credentials.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorCode } from '../../errors.ts';
import { verifyAssertion } from '../verify-assertion.ts';
import { readConformanceJson } from './conformance-data.ts';
import { assertCode, recordFromVector } from './vector-runner.ts';

interface Vector {
  id: string;
  response: unknown;
  expectedChallenge: string;
  expectedOrigin: string | string[];
  expectedRPID: string;
  requireUserVerification: boolean;
  credential: { id: string; publicKey: string; counter: number };
  expected: { verified: boolean; new_sign_count?: number; user_verified?: boolean; credential_backed_up?: boolean; credential_device_type?: string };
}

/** newSignCount, UV, COSE alg of the stored key, for each accepted vector. */
const ACCEPTED: Readonly<Record<string, readonly [number, boolean, number]>> = {
  'py-auth-001': [78, false, -7],
  'py-auth-002': [1, true, -257],
  'py-auth-005': [7, false, -8],
  'py-auth-006': [1625263266, true, -7],
  'py-auth-007': [1, true, -257],
  'py-auth-008': [1, true, -257],
  'py-auth-009': [8, true, -48],
  'py-auth-010': [5, true, -49],
  'py-auth-011': [4, true, -50],
};

const REJECTED: Readonly<Record<string, ErrorCode>> = {
  'py-auth-003': 'signature_invalid', // another RSA public key than the one that signed
  'py-auth-004': 'user_verification_required',
};

const vectors = readConformanceJson<Vector[]>('py_webauthn', 'authentication.json');

describe('py_webauthn authentication vectors', () => {
  it('has all 11 vectors', () => assert.equal(vectors.length, 11));

  for (const vector of vectors) {
    it(vector.id, () => {
      const record = recordFromVector(vector.credential);
      const verify = () =>
        verifyAssertion(
          vector.response,
          {
            challenge: vector.expectedChallenge,
            origins: [vector.expectedOrigin].flat(),
            rpId: vector.expectedRPID,
            userVerification: vector.requireUserVerification ? 'required' : 'preferred',
          },
          record,
        );
      const accepted = ACCEPTED[vector.id];
      if (accepted !== undefined) {
        assert.equal(vector.expected.verified, true);
        const [signCount, userVerified, alg] = accepted;
        const result = verify();
        assert.equal(record.algorithm, alg);
        assert.deepEqual([result.newSignCount, result.userVerified, result.backupEligible, result.backupState], [signCount, userVerified, false, false]);
        if (vector.expected.new_sign_count !== undefined) assert.equal(result.newSignCount, vector.expected.new_sign_count);
        if (vector.expected.user_verified !== undefined) assert.equal(result.userVerified, vector.expected.user_verified);
        if (vector.expected.credential_backed_up !== undefined) assert.equal(result.backupState, vector.expected.credential_backed_up);
      } else {
        const code = REJECTED[vector.id];
        assert.ok(code !== undefined, `no decision recorded for ${vector.id}`);
        assert.equal(vector.expected.verified, false);
        assert.throws(verify, (error: unknown) => (assertCode(error, code), true));
      }
    });
  }
});
