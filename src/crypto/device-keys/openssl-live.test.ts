/**
 * Fresh keys and signatures from the openssl command line on every run, beside the captured
 * vectors: a new random key each time exercises DER integers of every length over many runs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublicKeyEncoding } from './device-public-key.ts';
import { parseDevicePublicKey } from './parse-device-public-key.ts';
import {
  isOpensslAvailable,
  opensslDerToRaw,
  opensslEcdsaSign,
  opensslEd25519Sign,
  opensslPrivateKey,
  opensslPublicKey,
} from './testing/openssl-cli.ts';
import { verifyDeviceSignature } from './verify-device-signature.ts';

const skip = isOpensslAvailable() ? false : 'the openssl command line is not installed';

describe('keys and signatures freshly made by openssl', { skip }, () => {
  it('P-256: every key encoding with DER and raw signatures', () => {
    const privatePem = opensslPrivateKey('ec:prime256v1');
    const { der, pem } = opensslPublicKey(privatePem);
    const point = der.subarray(-65);
    const keys: [PublicKeyEncoding, string][] = [
      ['spki-pem', pem],
      ['spki-base64', der.toString('base64')],
      ['x963-hex', point.toString('hex')],
      ['x963-base64', point.toString('base64')],
    ];
    for (let i = 0; i < 3; i++) {
      const message = Buffer.from(`{"challenge":"${i}"}`);
      const signature = opensslEcdsaSign(privatePem, message);
      for (const [encoding, text] of keys) {
        const key = parseDevicePublicKey(text, { encoding: 'auto' });
        assert.equal(key.algorithm, 'P-256');
        assert.deepEqual(Buffer.from(key.spki), der, encoding);
        assert.equal(verifyDeviceSignature(key, message, signature), true);
        assert.equal(verifyDeviceSignature(key, message, opensslDerToRaw(signature)), true);
        assert.equal(verifyDeviceSignature(key, Buffer.from('other'), signature), false);
      }
    }
  });

  it('Ed25519: every key encoding', () => {
    const privatePem = opensslPrivateKey('ed25519');
    const { der, pem } = opensslPublicKey(privatePem);
    const message = Buffer.from('{"challenge":"ed"}');
    const signature = opensslEd25519Sign(privatePem, message);
    for (const text of [pem, der.toString('base64'), der.subarray(-32).toString('hex'), der.subarray(-32).toString('base64')]) {
      const key = parseDevicePublicKey(text, { encoding: 'auto' });
      assert.equal(key.algorithm, 'Ed25519');
      assert.equal(verifyDeviceSignature(key, message, signature), true);
      assert.equal(verifyDeviceSignature(key, Buffer.from('other'), signature), false);
    }
  });
});
