import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { isDomainError } from '../../core/errors.ts';
import { createCredentialKey } from '../../testing/authenticator/credential-key.ts';
import { findCoseAlgorithm, SUPPORTED_COSE_ALGORITHMS } from './cose-algorithms.ts';
import { decodeCoseKey } from './cose-key.ts';
import { importCosePublicKey } from './import-cose-public-key.ts';

const EXPECTED: ReadonlyArray<[number, string]> = [
  [-7, 'ES256'],
  [-35, 'ES384'],
  [-36, 'ES512'],
  [-8, 'EdDSA'],
  [-19, 'Ed25519'],
  [-53, 'Ed448'],
  [-257, 'RS256'],
  [-258, 'RS384'],
  [-259, 'RS512'],
  [-65535, 'RS1'],
  [-37, 'PS256'],
  [-38, 'PS384'],
  [-39, 'PS512'],
  [-48, 'ML-DSA-44'],
  [-49, 'ML-DSA-65'],
  [-50, 'ML-DSA-87'],
];

const data = new TextEncoder().encode('authenticatorData || SHA-256(clientDataJSON)');

function rejectsWith(code: string, fn: () => unknown): void {
  assert.throws(fn, (error: unknown) => isDomainError(error) && error.code === code);
}

/** Re-encodes a COSE key with one member replaced. */
function withMember(cose: Uint8Array, label: number, value: number | Uint8Array): Uint8Array {
  const map = new Map(decodeCoseKey(cose) as Map<number, number | Uint8Array>);
  map.set(label, value);
  return new Uint8Array(isoCBOR.encode(map));
}

describe('COSE algorithm registry', () => {
  it('lists exactly the supported algorithms', () => {
    assert.deepEqual([...SUPPORTED_COSE_ALGORITHMS].sort((a, b) => a - b), EXPECTED.map(([alg]) => alg).sort((a, b) => a - b));
  });

  for (const [alg, name] of EXPECTED) {
    describe(`${name} (${alg})`, () => {
      const credential = createCredentialKey(alg, `registry-${alg}`);

      it('imports the COSE key and verifies a signature made with the private key', () => {
        const { algorithm, key } = importCosePublicKey(credential.cose);
        assert.equal(algorithm.name, name);
        assert.equal(findCoseAlgorithm(alg), algorithm);
        assert.equal(algorithm.verify(key, data, credential.sign(data)), true);
      });

      it('refuses a signature over other data, a flipped byte and garbage', () => {
        const { algorithm, key } = importCosePublicKey(credential.cose);
        const signature = credential.sign(data);
        assert.equal(algorithm.verify(key, new TextEncoder().encode('other'), signature), false);
        const flipped = Uint8Array.from(signature);
        flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 0x01;
        assert.equal(algorithm.verify(key, data, flipped), false);
        assert.equal(algorithm.verify(key, data, new Uint8Array([0x30, 0x00])), false);
      });

      it('refuses a key of another type', () => {
        const kty = decodeCoseKey(credential.cose).get(1);
        const wrongKty = withMember(credential.cose, 1, kty === 2 ? 1 : 2);
        rejectsWith('public_key_invalid', () => importCosePublicKey(wrongKty));
      });
    });
  }

  it('refuses an ES256 key on P-384 and a truncated coordinate', () => {
    const es256 = createCredentialKey(-7).cose;
    rejectsWith('public_key_invalid', () => importCosePublicKey(withMember(es256, -1, 2)));
    rejectsWith('public_key_invalid', () => importCosePublicKey(withMember(es256, -2, new Uint8Array(31))));
  });

  it('refuses an EC point that is not on the curve', () => {
    const es256 = createCredentialKey(-7).cose;
    const y = Uint8Array.from(decodeCoseKey(es256).get(-3) as Uint8Array);
    y[31] = (y[31] as number) ^ 0x01;
    rejectsWith('public_key_invalid', () => importCosePublicKey(withMember(es256, -3, y)));
  });

  it('refuses Ed448 key material under the Ed25519 identifier', () => {
    const ed448 = createCredentialKey(-53).cose;
    rejectsWith('public_key_invalid', () => importCosePublicKey(withMember(ed448, 3, -19)));
  });

  it('refuses RSA moduli under 2048 bits', () => {
    const rs256 = createCredentialKey(-257).cose;
    const n = decodeCoseKey(rs256).get(-1) as Uint8Array;
    rejectsWith('public_key_invalid', () => importCosePublicKey(withMember(rs256, -1, n.subarray(0, 128))));
  });

  it('names unknown algorithms, missing algs and non-map input', () => {
    const es256 = createCredentialKey(-7).cose;
    rejectsWith('unsupported_algorithm', () => importCosePublicKey(withMember(es256, 3, -47)));
    const noAlg = new Map(decodeCoseKey(es256) as Map<number, number | Uint8Array>);
    noAlg.delete(3);
    rejectsWith('public_key_invalid', () => importCosePublicKey(new Uint8Array(isoCBOR.encode(noAlg))));
    rejectsWith('public_key_invalid', () => importCosePublicKey(new Uint8Array(isoCBOR.encode([1, 2]))));
    rejectsWith('public_key_invalid', () => importCosePublicKey(Uint8Array.of(...es256, 0x00)));
    rejectsWith('public_key_invalid', () => importCosePublicKey(es256.subarray(0, es256.length - 1)));
  });
});
