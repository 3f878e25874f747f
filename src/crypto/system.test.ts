import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemRandom } from './system.ts';

test('pooled random bytes: right lengths, never repeated, never aliasing the pool', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const b = systemRandom.bytes(32);
    assert.equal(b.length, 32);
    const hex = Buffer.from(b).toString('hex');
    assert.ok(!seen.has(hex));
    seen.add(hex);
  }
  const a = systemRandom.bytes(16);
  const copy = Uint8Array.from(a);
  for (let i = 0; i < 500; i++) systemRandom.bytes(16);
  assert.deepEqual(a, copy, 'a refill does not change bytes already handed out');
  assert.equal(systemRandom.bytes(5000).length, 5000);
});
