import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { CborLengthError, cborItemLength } from './cbor-item-length.ts';

const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

describe('cborItemLength', () => {
  it('measures items of every major type, with trailing bytes left alone', () => {
    const cases: ReadonlyArray<[string, number]> = [
      ['00', 1], // 0
      ['1818', 2], // 24
      ['1a000f4240', 5], // 1000000
      ['3863', 2], // -100
      ['4401020304', 5], // h'01020304'
      ['6449455446', 5], // "IETF"
      ['83010203', 4], // [1, 2, 3]
      ['a201020304', 5], // {1: 2, 3: 4}
      ['c11a514b67b0', 6], // tag 1
      ['f5', 1], // true
      ['fb3ff199999999999a', 9], // 1.1
    ];
    for (const [item, length] of cases) {
      assert.equal(cborItemLength(hex(item)), length, item);
      assert.equal(cborItemLength(hex(`${item}ffff`)), length, `${item} + trailing`);
    }
  });

  it('measures from an offset and agrees with the encoder for a nested map', () => {
    const encoded = new Uint8Array(isoCBOR.encode(new Map<number | string, unknown>([[1, 2], [3, -7], [-2, new Uint8Array(32)], ['ext', [true, 'x']]]) as never));
    const framed = Uint8Array.of(0xaa, 0xbb, ...encoded, 0x01);
    assert.equal(cborItemLength(framed, 2), encoded.byteLength);
  });

  it('rejects truncation, indefinite lengths, reserved values and deep nesting', () => {
    for (const bad of ['', '19ff', '44010203', '82 01'.replace(' ', ''), '5f', '9f01ff', 'bf', '1c', 'ff']) {
      assert.throws(() => cborItemLength(hex(bad)), CborLengthError, bad);
    }
    assert.throws(() => cborItemLength(hex(`${'81'.repeat(40)}00`)), CborLengthError);
  });
});
