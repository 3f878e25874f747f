import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { ecdsaDerToRaw, ecdsaRawToDer } from './ecdsa-signature.ts';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const toHex = (bytes: Uint8Array | null): string | null => (bytes === null ? null : Buffer.from(bytes).toString('hex'));
const R = '7f'.padEnd(64, '1');
const S = '01'.padEnd(64, '2');

describe('ecdsaDerToRaw', () => {
  it('matches Node’s own DER → P1363 conversion on real signatures', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 200; i++) {
      const message = Buffer.from(`message ${i}`);
      // Deterministic pair: sign once as DER, and read the same signature's r and s back via Node.
      const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
      const raw = ecdsaDerToRaw(der);
      assert.ok(raw !== null, `signature ${i}`);
      assert.equal(raw.length, 64);
      const len = der[3] as number;
      const r = der.subarray(4, 4 + len);
      assert.equal(BigInt('0x' + Buffer.from(raw.subarray(0, 32)).toString('hex')), BigInt('0x' + r.toString('hex')));
    }
  });

  it('reads short integers and left-pads them', () => {
    assert.equal(toHex(ecdsaDerToRaw(hex('3006 020101 020102'))), '01'.padStart(64, '0') + '02'.padStart(64, '0'));
    assert.equal(toHex(ecdsaDerToRaw(hex(`3044 0220${R} 0220${S}`))), R + S);
    const highR = '80'.padEnd(64, '3');
    assert.equal(toHex(ecdsaDerToRaw(hex(`3045 022100${highR} 0220${S}`))), highR + S);
  });

  const malformed: [string, string][] = [
    ['empty', ''],
    ['not a SEQUENCE', `3144 0220${R} 0220${S}`],
    ['sequence length too long', `3045 0220${R} 0220${S}`],
    ['sequence length too short', `3043 0220${R} 0220${S}`],
    ['trailing byte', `3044 0220${R} 0220${S} 00`],
    ['trailing byte inside the sequence', `3045 0220${R} 0220${S} 00`],
    ['long-form sequence length', `308144 0220${R} 0220${S}`],
    ['indefinite length', `3080 0220${R} 0220${S} 0000`],
    ['INTEGER tag wrong', `3044 0320${R} 0220${S}`],
    ['non-minimal leading zero', `3045 022100${R} 0220${S}`],
    ['negative r', `3044 0220${'80'.padEnd(64, '1')} 0220${S}`],
    ['negative s', `3044 0220${R} 0220${'ff'.padEnd(64, '1')}`],
    ['zero-length integer', `3024 0200 0220${S}`],
    ['integer longer than the scalar', `3046 0222${'00'}${'ff'}${R} 0220${S}`],
    ['integer length past the end', `3044 0220${R} 0221${S}`],
    ['only one integer', `3022 0220${R}`],
    ['three integers', `3047 0220${R} 0220${S} 020101`],
  ];
  for (const [name, text] of malformed) {
    it(`refuses ${name}`, () => assert.equal(ecdsaDerToRaw(hex(text)), null));
  }
});

describe('ecdsaRawToDer', () => {
  for (const curve of ['P-256', 'P-384', 'P-521'] as const) {
    it(`turns ${curve} r || s into DER that a bare key verifies`, () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      for (let i = 0; i < 100; i++) {
        const message = Buffer.from(`message ${i}`);
        const p1363 = sign(null, message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
        assert.ok(verify(null, message, publicKey, ecdsaRawToDer(p1363)), `${curve} signature ${i}`);
      }
    });
  }

  it("gives back OpenSSL's own DER byte for byte", () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 200; i++) {
      const der = sign(null, Buffer.from(`message ${i}`), privateKey);
      const raw = ecdsaDerToRaw(der);
      assert.ok(raw !== null);
      assert.equal(Buffer.from(ecdsaRawToDer(raw)).toString('hex'), der.toString('hex'));
    }
  });

  it('writes minimal integers: leading zeros dropped, a zero byte before a high bit, zero kept as one byte', () => {
    const raw = hex('00'.repeat(31) + '05' + '80' + '00'.repeat(31));
    assert.equal(Buffer.from(ecdsaRawToDer(raw)).toString('hex'), '3026' + '020105' + '022100' + '80' + '00'.repeat(31));
    assert.equal(Buffer.from(ecdsaRawToDer(new Uint8Array(64))).toString('hex'), '3006020100020100');
  });

  it('round-trips through ecdsaDerToRaw for edge values', () => {
    for (const raw of [hex(R + S), hex('80'.padEnd(64, '3') + S), hex('00'.repeat(32) + 'ff'.repeat(32))]) {
      assert.equal(toHex(ecdsaDerToRaw(ecdsaRawToDer(raw))), toHex(raw));
    }
  });

  it('refuses lengths no curve has', () => {
    for (const length of [0, 63, 134]) assert.throws(() => ecdsaRawToDer(new Uint8Array(length)), RangeError);
  });
});
