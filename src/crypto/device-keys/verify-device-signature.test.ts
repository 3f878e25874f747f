import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { loadOpensslVectors } from './fixtures/load-openssl-vectors.ts';
import type { PublicKeyEncoding } from './device-public-key.ts';
import { canonicalizeJsonBytes } from '../jcs/canonicalize-json.ts';
import { parseDevicePublicKey } from './parse-device-public-key.ts';
import { decodeSignatureText } from './signature/decode-signature-text.ts';
import { assertDeviceSignature, verifyDeviceSignature } from './verify-device-signature.ts';

const vectors = loadOpensslVectors();
const message = new TextEncoder().encode(vectors.message);
const altered = new TextEncoder().encode(vectors.message.replace('9f86', '9f87'));

const p256Keys: [PublicKeyEncoding, string][] = [
  ['spki-pem', vectors.p256.pem],
  ['spki-base64', vectors.p256.spkiBase64],
  ['x963-hex', vectors.p256.x963Hex],
  ['x963-base64', vectors.p256.x963Base64],
];
const p256Signatures: [string, 'hex' | 'base64', 'der' | 'raw'][] = [
  [vectors.p256.signatureDerHex, 'hex', 'der'],
  [vectors.p256.signatureDerBase64, 'base64', 'der'],
  [vectors.p256.signatureRawHex, 'hex', 'raw'],
  [vectors.p256.signatureRawBase64, 'base64', 'raw'],
];

describe('ECDSA P-256 signatures made by openssl dgst -sha256 -sign', () => {
  for (const [keyEncoding, keyText] of p256Keys) {
    const key = parseDevicePublicKey(keyText, { encoding: keyEncoding });
    for (const [sigText, sigEncoding, layout] of p256Signatures) {
      it(`verify with a ${keyEncoding} key, ${layout} signature in ${sigEncoding}`, () => {
        const signature = decodeSignatureText(sigText, sigEncoding);
        assert.equal(verifyDeviceSignature(key, message, signature), true);
        assert.equal(verifyDeviceSignature(key, message, signature, { ecdsaFormat: layout }), true);
        assert.equal(verifyDeviceSignature(key, altered, signature), false);
        assertDeviceSignature(key, message, signature);
        assert.throws(() => assertDeviceSignature(key, altered, signature), { code: 'signature_invalid' });
      });
    }
  }

  it('does not verify under another key', () => {
    const other = parseDevicePublicKey(vectors.otherP256SpkiBase64, { encoding: 'spki-base64' });
    for (const [sigText, sigEncoding] of p256Signatures) {
      assert.equal(verifyDeviceSignature(other, message, decodeSignatureText(sigText, sigEncoding)), false);
    }
  });

  it('holds each layout to its declared format', () => {
    const key = parseDevicePublicKey(vectors.p256.x963Hex, { encoding: 'x963-hex' });
    const der = decodeSignatureText(vectors.p256.signatureDerHex, 'hex');
    const raw = decodeSignatureText(vectors.p256.signatureRawHex, 'hex');
    assert.throws(() => verifyDeviceSignature(key, message, der, { ecdsaFormat: 'raw' }), { code: 'invalid_request' });
    assert.throws(() => verifyDeviceSignature(key, message, raw, { ecdsaFormat: 'der' }), { code: 'invalid_request' });
  });

  it('refuses malformed DER as invalid_request, not as a wrong signature', () => {
    const key = parseDevicePublicKey(vectors.p256.x963Hex, { encoding: 'x963-hex' });
    const der = Buffer.from(vectors.p256.signatureDerHex, 'hex');
    const trailing = Buffer.concat([der, Buffer.from([0])]);
    const truncated = der.subarray(0, der.length - 1);
    const longForm = Buffer.concat([Buffer.from([0x30, 0x81]), der.subarray(1)]);
    for (const bad of [trailing, truncated, longForm, Buffer.alloc(0), Buffer.alloc(63), Buffer.alloc(65)]) {
      assert.throws(() => verifyDeviceSignature(key, message, bad), { code: 'invalid_request' });
      assert.throws(() => assertDeviceSignature(key, message, bad), { code: 'invalid_request' });
    }
  });

  it('answers false for well-formed signatures with r or s out of range', () => {
    const key = parseDevicePublicKey(vectors.p256.x963Hex, { encoding: 'x963-hex' });
    const n = 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551';
    for (const raw of ['00'.repeat(64), 'ff'.repeat(64), n + vectors.p256.signatureRawHex.slice(64)]) {
      assert.equal(verifyDeviceSignature(key, message, Buffer.from(raw, 'hex')), false);
    }
    assert.equal(verifyDeviceSignature(key, message, Buffer.from('3006020100020100', 'hex')), false);
    // 64 bytes that are also strict DER (r and s of 29 bytes): both readings tried, neither verifies.
    const ambiguous = Buffer.from(`303e021d${'11'.repeat(29)}021d${'22'.repeat(29)}`, 'hex');
    assert.equal(ambiguous.length, 64);
    assert.equal(verifyDeviceSignature(key, message, ambiguous), false);
  });
});

describe('the Duo device-registration proof', () => {
  it('verifies a hex DER signature over the RFC 8785 form of {"challenge"} with the hex X9.63 device_id', () => {
    const challenge = (JSON.parse(vectors.message) as { challenge: string }).challenge;
    const signed = canonicalizeJsonBytes({ challenge });
    assert.deepEqual(Buffer.from(signed), Buffer.from(message));
    const key = parseDevicePublicKey(vectors.p256.x963Hex, { encoding: 'x963-hex' });
    assertDeviceSignature(key, signed, decodeSignatureText(vectors.p256.signatureDerHex, 'hex'), { ecdsaFormat: 'der' });
  });
});

describe('Ed25519 signatures made by openssl pkeyutl -sign -rawin', () => {
  const edKeys: [PublicKeyEncoding, string][] = [
    ['spki-pem', vectors.ed25519.pem],
    ['spki-base64', vectors.ed25519.spkiBase64],
    ['ed25519-hex', vectors.ed25519.rawHex],
    ['ed25519-base64', vectors.ed25519.rawBase64],
  ];
  for (const [keyEncoding, keyText] of edKeys) {
    for (const [sigText, sigEncoding] of [[vectors.ed25519.signatureHex, 'hex'], [vectors.ed25519.signatureBase64, 'base64']] as const) {
      it(`verify with a ${keyEncoding} key, signature in ${sigEncoding}`, () => {
        const key = parseDevicePublicKey(keyText, { encoding: keyEncoding });
        const signature = decodeSignatureText(sigText, sigEncoding);
        assert.equal(verifyDeviceSignature(key, message, signature), true);
        assert.equal(verifyDeviceSignature(key, altered, signature), false);
      });
    }
  }

  it('refuses signatures that are not 64 bytes', () => {
    const key = parseDevicePublicKey(vectors.ed25519.rawHex, { encoding: 'ed25519-hex' });
    const signature = Buffer.from(vectors.ed25519.signatureHex, 'hex');
    assert.throws(() => verifyDeviceSignature(key, message, signature.subarray(1)), { code: 'invalid_request' });
    assert.throws(() => verifyDeviceSignature(key, message, Buffer.concat([signature, Buffer.from([0])])), { code: 'invalid_request' });
  });

  it('does not verify a P-256 signature, nor under another Ed25519 key', () => {
    const key = parseDevicePublicKey(vectors.ed25519.rawHex, { encoding: 'ed25519-hex' });
    assert.equal(verifyDeviceSignature(key, message, Buffer.from(vectors.p256.signatureRawHex, 'hex')), false);
    const { publicKey } = generateKeyPairSync('ed25519');
    const other = parseDevicePublicKey(publicKey.export({ format: 'pem', type: 'spki' }) as string, { encoding: 'spki-pem' });
    assert.equal(verifyDeviceSignature(other, message, Buffer.from(vectors.ed25519.signatureHex, 'hex')), false);
  });
});

describe('signatures made by node:crypto', () => {
  it('verifies P-256 DER and P1363 signatures', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const key = parseDevicePublicKey(publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), { encoding: 'spki-base64' });
    for (let i = 0; i < 50; i++) {
      const data = Buffer.from(`challenge ${i}`);
      for (const dsaEncoding of ['der', 'ieee-p1363'] as const) {
        const signature = sign('sha256', data, { key: privateKey, dsaEncoding });
        assert.equal(verifyDeviceSignature(key, data, signature), true);
        assert.equal(verifyDeviceSignature(key, message, signature), false);
      }
    }
  });

  it('verifies Ed25519 signatures', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    const key = parseDevicePublicKey(raw.toString('base64'), { encoding: 'ed25519-base64' });
    const signature = sign(null, message, privateKey);
    assert.equal(verifyDeviceSignature(key, message, signature), true);
    assert.equal(verifyDeviceSignature(key, altered, signature), false);
  });
});

describe('decodeSignatureText', () => {
  it('decodes each encoding strictly', () => {
    const bytes = Buffer.from(vectors.p256.signatureRawHex, 'hex');
    assert.deepEqual(Buffer.from(decodeSignatureText(bytes.toString('hex'), 'hex')), bytes);
    assert.deepEqual(Buffer.from(decodeSignatureText(bytes.toString('hex').toUpperCase(), 'hex')), bytes);
    assert.deepEqual(Buffer.from(decodeSignatureText(bytes.toString('base64'), 'base64')), bytes);
    assert.deepEqual(Buffer.from(decodeSignatureText(bytes.toString('base64url'), 'base64url')), bytes);
  });

  it('refuses malformed text as invalid_request', () => {
    const cases: [string, 'hex' | 'base64' | 'base64url'][] = [
      ['', 'hex'],
      ['abc', 'hex'],
      ['zz', 'hex'],
      [vectors.p256.signatureDerHex + ' ', 'hex'],
      [vectors.p256.signatureDerBase64.slice(1), 'base64'],
      [vectors.p256.signatureRawBase64, 'base64url'],
      [vectors.p256.signatureDerBase64 + '\n', 'base64'],
      ['00'.repeat(300), 'hex'],
    ];
    for (const [text, encoding] of cases) {
      assert.throws(() => decodeSignatureText(text, encoding), { code: 'invalid_request' }, `${encoding} ${text.slice(0, 10)}`);
    }
  });
});
