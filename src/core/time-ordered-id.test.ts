import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeOrderedUuid } from './time-ordered-id.ts';

const fixedBytes = (fill: number) => ({ bytes: (length: number) => new Uint8Array(length).fill(fill) });

describe('timeOrderedUuid', () => {
  it('matches the RFC 9562 appendix A.6 example layout', () => {
    // RFC 9562 A.6: 0x017F22E279B0 ms is 2022-02-22T19:22:22Z; its random bits are replaced here.
    assert.equal(timeOrderedUuid(0x017f22e279b0, fixedBytes(0x00)), '017f22e2-79b0-7000-8000-000000000000');
    assert.equal(timeOrderedUuid(0x017f22e279b0, fixedBytes(0xff)), '017f22e2-79b0-7fff-bfff-ffffffffffff');
  });

  it('sorts by time as text, and keeps the random bits it was given', () => {
    const random = { bytes: (length: number) => Uint8Array.from({ length }, (_, i) => i + 1) };
    const earlier = timeOrderedUuid(1_700_000_000_000, random);
    const later = timeOrderedUuid(1_700_000_000_001, random);
    assert.ok(earlier < later);
    assert.equal(earlier, '018bcfe5-6800-7102-8304-05060708090a');
  });

  it('refuses timestamps a UUIDv7 cannot hold', () => {
    for (const at of [-1, 2 ** 48, 1.5, Number.NaN]) assert.throws(() => timeOrderedUuid(at, fixedBytes(0)), RangeError);
  });
});
