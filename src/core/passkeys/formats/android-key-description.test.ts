import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKeyDescription } from './android-key-description.ts';

const der = (tag: number[], content: number[]): number[] => [...tag, content.length, ...content];
const int = (n: number): number[] => der([0x02], [n]);
const seq = (...items: number[][]): number[] => der([0x30], items.flat());
const explicit = (tagNumber: number, inner: number[]): number[] =>
  // Context-specific, constructed; tag numbers ≥ 31 in the high-tag-number form.
  der(tagNumber < 31 ? [0xa0 | tagNumber] : [0xbf, ...(tagNumber >= 128 ? [0x80 | (tagNumber >> 7)] : []), tagNumber & 0x7f], inner);

function description(software: number[], tee: number[]): Uint8Array {
  const challenge = der([0x04], [1, 2, 3]);
  return Uint8Array.from(seq(int(3), der([0x0a], [1]), int(4), der([0x0a], [1]), challenge, der([0x04], []), software, tee));
}

describe('parseKeyDescription', () => {
  it('reads the challenge, purposes, origin and allApplications (high tag numbers included)', () => {
    const tee = seq(explicit(1, der([0x31], [...int(2), ...int(3)])), explicit(702, int(0)));
    const software = seq(explicit(600, der([0x05], [])));
    const parsed = parseKeyDescription(description(software, tee));
    assert.deepEqual(Array.from(parsed.attestationChallenge), [1, 2, 3]);
    assert.deepEqual(parsed.teeEnforced, { purposes: [2, 3], allApplications: false, origin: 0 });
    assert.deepEqual(parsed.softwareEnforced, { purposes: [], allApplications: true, origin: null });
  });

  it('refuses what is not a key description', () => {
    assert.throws(() => parseKeyDescription(Uint8Array.from(seq(int(3)))), { name: 'DerError' });
    assert.throws(() => parseKeyDescription(Uint8Array.of(0x30, 0x05, 0x02)), { name: 'DerError' });
  });
});
