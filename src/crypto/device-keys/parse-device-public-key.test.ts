import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { loadOpensslVectors } from './fixtures/load-openssl-vectors.ts';
import { DomainError } from '../../core/errors.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { PUBLIC_KEY_ENCODINGS } from './device-public-key.ts';
import type { PublicKeyEncoding } from './device-public-key.ts';
import { fingerprint } from './fingerprint.ts';
import { parseDevicePublicKey } from './parse-device-public-key.ts';
import { isEd25519Point } from './public-key/is-ed25519-point.ts';
import { publicKeyFromSpki } from './public-key/public-key-from-spki.ts';

const vectors = loadOpensslVectors();
const p256Spki = Buffer.from(vectors.p256.spkiBase64, 'base64');
const edSpki = Buffer.from(vectors.ed25519.spkiBase64, 'base64');

function rejects(text: string, encoding: PublicKeyEncoding | 'auto', code: ErrorCode, detail?: RegExp): void {
  assert.throws(
    () => parseDevicePublicKey(text, { encoding }),
    (error: unknown) => error instanceof DomainError && error.code === code && (detail === undefined || detail.test(error.detail ?? '')),
  );
}

describe('parseDevicePublicKey, keys made by the openssl command line', () => {
  const accepted: [PublicKeyEncoding, string, 'P-256' | 'Ed25519', Buffer][] = [
    ['spki-pem', vectors.p256.pem, 'P-256', p256Spki],
    ['spki-base64', vectors.p256.spkiBase64, 'P-256', p256Spki],
    ['x963-hex', vectors.p256.x963Hex, 'P-256', p256Spki],
    ['x963-hex', vectors.p256.x963Hex.toUpperCase(), 'P-256', p256Spki],
    ['x963-base64', vectors.p256.x963Base64, 'P-256', p256Spki],
    ['spki-pem', vectors.ed25519.pem, 'Ed25519', edSpki],
    ['spki-base64', vectors.ed25519.spkiBase64, 'Ed25519', edSpki],
    ['ed25519-hex', vectors.ed25519.rawHex, 'Ed25519', edSpki],
    ['ed25519-base64', vectors.ed25519.rawBase64, 'Ed25519', edSpki],
  ];
  for (const [encoding, text, algorithm, spki] of accepted) {
    it(`reads ${algorithm} as ${encoding}, explicitly and by detection, into the canonical SPKI`, () => {
      for (const mode of [encoding, 'auto'] as const) {
        const key = parseDevicePublicKey(text, { encoding: mode });
        assert.equal(key.algorithm, algorithm);
        assert.deepEqual(Buffer.from(key.spki), spki);
        assert.deepEqual(Buffer.from(key.keyObject.export({ format: 'der', type: 'spki' })), spki);
      }
    });
  }

  it('gives one fingerprint, SHA-256 of the SPKI, whatever the encoding', () => {
    const texts = [vectors.p256.pem, vectors.p256.spkiBase64, vectors.p256.x963Hex, vectors.p256.x963Base64];
    const prints = texts.map((text) => Buffer.from(fingerprint(parseDevicePublicKey(text, { encoding: 'auto' }).spki)).toString('hex'));
    assert.deepEqual(new Set(prints), new Set([createHash('sha256').update(p256Spki).digest('hex')]));
  });

  it('refuses well-formed keys of other algorithms and curves as unsupported_algorithm', () => {
    for (const [name, text] of Object.entries(vectors.foreign as Record<string, string>)) {
      assert.throws(() => parseDevicePublicKey(text, { encoding: 'spki-base64' }), { code: 'unsupported_algorithm' }, name);
      assert.throws(() => parseDevicePublicKey(text, { encoding: 'auto' }), { code: 'unsupported_algorithm' }, name);
    }
  });

  it('refuses other spellings of a P-256 key: compressed point, explicit curve parameters', () => {
    rejects(vectors.p256Variants.compressedSpkiBase64, 'spki-base64', 'public_key_invalid', /canonical/);
    rejects(vectors.p256Variants.explicitParamsSpkiBase64, 'spki-base64', 'public_key_invalid', /canonical/);
    rejects(vectors.p256Variants.compressedPointHex, 'x963-hex', 'public_key_invalid', /compressed/);
    rejects(vectors.p256Variants.compressedPointHex, 'auto', 'public_key_invalid', /compressed/);
    rejects(Buffer.from(vectors.p256Variants.compressedPointHex, 'hex').toString('base64'), 'auto', 'public_key_invalid', /compressed/);
  });
});

describe('parseDevicePublicKey, keys made by node:crypto', () => {
  it('reads P-256 from SPKI, PEM and X9.63 point', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const jwk = publicKey.export({ format: 'jwk' });
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x as string, 'base64url'), Buffer.from(jwk.y as string, 'base64url')]);
    const texts: [PublicKeyEncoding, string][] = [
      ['spki-pem', publicKey.export({ format: 'pem', type: 'spki' }) as string],
      ['spki-base64', spki.toString('base64')],
      ['x963-hex', point.toString('hex')],
      ['x963-base64', point.toString('base64')],
    ];
    for (const [encoding, text] of texts) {
      assert.deepEqual(Buffer.from(parseDevicePublicKey(text, { encoding }).spki), spki, encoding);
      assert.deepEqual(Buffer.from(parseDevicePublicKey(text, { encoding: 'auto' }).spki), spki, encoding);
    }
  });

  it('reads Ed25519 raw keys, and every generated key decodes as a curve point', () => {
    for (let i = 0; i < 100; i++) {
      const { publicKey } = generateKeyPairSync('ed25519');
      const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
      assert.ok(isEd25519Point(raw));
      const key = parseDevicePublicKey(raw.toString('hex'), { encoding: 'ed25519-hex' });
      assert.deepEqual(Buffer.from(key.spki), publicKey.export({ format: 'der', type: 'spki' }));
    }
  });
});

describe('parseDevicePublicKey refuses malformed keys as public_key_invalid', () => {
  const point = Buffer.from(vectors.p256.x963Hex, 'hex');

  it('refuses a point off the curve', () => {
    const off = Buffer.from(point);
    off[64] = (off[64] as number) ^ 0x01;
    rejects(off.toString('hex'), 'x963-hex', 'public_key_invalid', /not on the P-256 curve/);
    rejects(off.toString('base64'), 'auto', 'public_key_invalid', /not on the P-256 curve/);
    rejects(Buffer.concat([p256Spki.subarray(0, 26), off]).toString('base64'), 'spki-base64', 'public_key_invalid');
  });

  it('refuses wrong lengths and a wrong point prefix', () => {
    rejects(point.subarray(0, 64).toString('hex'), 'x963-hex', 'public_key_invalid', /65 bytes/);
    rejects(Buffer.concat([point, Buffer.from([0])]).toString('base64'), 'x963-base64', 'public_key_invalid', /65 bytes/);
    rejects(Buffer.concat([Buffer.from([6]), point.subarray(1)]).toString('hex'), 'x963-hex', 'public_key_invalid');
    rejects(vectors.ed25519.rawHex.slice(2), 'ed25519-hex', 'public_key_invalid', /32 bytes/);
    rejects(Buffer.alloc(31, 1).toString('base64'), 'ed25519-base64', 'public_key_invalid', /32 bytes/);
  });

  it('refuses SPKI with trailing bytes or cut short', () => {
    rejects(Buffer.concat([p256Spki, Buffer.from([0])]).toString('base64'), 'spki-base64', 'public_key_invalid');
    rejects(p256Spki.subarray(0, 90).toString('base64'), 'spki-base64', 'public_key_invalid');
  });

  it('refuses Ed25519 bytes that are no curve point', () => {
    const notOnCurve = Buffer.alloc(32);
    notOnCurve[0] = 2; // y = 2: (y² − 1)/(d·y² + 1) is not a square mod p
    rejects(notOnCurve.toString('hex'), 'ed25519-hex', 'public_key_invalid', /curve point/);
    const yIsP = Buffer.from('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex');
    rejects(yIsP.toString('hex'), 'ed25519-hex', 'public_key_invalid', /curve point/);
    const xZeroNegative = Buffer.alloc(32);
    xZeroNegative[0] = 1;
    xZeroNegative[31] = 0x80;
    rejects(xZeroNegative.toString('base64'), 'ed25519-base64', 'public_key_invalid', /curve point/);
    rejects(Buffer.concat([edSpki.subarray(0, 12), notOnCurve]).toString('base64'), 'spki-base64', 'public_key_invalid', /curve point/);
  });

  it('refuses PEM that is not one PUBLIC KEY block', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    rejects(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 'spki-pem', 'public_key_invalid', /PEM/);
    rejects(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 'auto', 'public_key_invalid', /PEM/);
    rejects(vectors.p256.pem + vectors.ed25519.pem, 'spki-pem', 'public_key_invalid', /PEM/);
    rejects(vectors.p256.pem.replace('MFkw', 'MFk*'), 'spki-pem', 'public_key_invalid');
  });

  it('refuses junk, empty and oversized text, and text of the wrong encoding', () => {
    for (const junk of ['', 'hello', ' ' + vectors.p256.x963Hex, vectors.p256.x963Hex + '\n', 'zz'.repeat(65), 'A'.repeat(5000)]) {
      rejects(junk, 'auto', 'public_key_invalid');
    }
    rejects(vectors.p256.x963Hex, 'x963-base64', 'public_key_invalid');
    rejects(vectors.p256.x963Base64, 'x963-hex', 'public_key_invalid');
    rejects(vectors.p256.spkiBase64.replace(/=+$/, ''), 'spki-base64', 'public_key_invalid', /base64/);
    rejects(vectors.p256.x963Base64, 'spki-base64', 'public_key_invalid');
  });
});

describe('the registry', () => {
  it('lists the detection order', () => {
    assert.deepEqual(PUBLIC_KEY_ENCODINGS, ['spki-pem', 'x963-hex', 'ed25519-hex', 'x963-base64', 'ed25519-base64', 'spki-base64']);
  });

  it('reloads a stored SPKI with publicKeyFromSpki', () => {
    assert.equal(publicKeyFromSpki(p256Spki).algorithm, 'P-256');
    assert.equal(publicKeyFromSpki(edSpki).algorithm, 'Ed25519');
  });
});
