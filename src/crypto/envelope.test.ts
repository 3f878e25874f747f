import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSealer } from './envelope.ts';

const master = new Uint8Array(32).fill(1);
const secret = new TextEncoder().encode('-----BEGIN PRIVATE KEY----- not really');

describe('envelope encryption', () => {
  it('opens what it sealed, and every seal is different', () => {
    const sealer = createSealer(master);
    const a = sealer.seal(secret, 'signing-key|t1|k1');
    const b = sealer.seal(secret, 'signing-key|t1|k1');
    assert.notEqual(a, b);
    assert.deepEqual(sealer.open(a, 'signing-key|t1|k1'), secret);
    assert.match(a, /^s1\.[0-9a-f]{16}\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(!a.includes(Buffer.from(secret).toString('base64url').slice(0, 12)));
  });

  it('refuses a value moved to another record (context is bound)', () => {
    const sealer = createSealer(master);
    const sealed = sealer.seal(secret, 'keyshare|tenantA|user1|key1');
    assert.throws(() => sealer.open(sealed, 'keyshare|tenantB|user1|key1'), /failed authentication/);
  });

  it('refuses a tampered value', () => {
    const sealer = createSealer(master);
    const parts = sealer.seal(secret, 'c').split('.');
    const data = Buffer.from(parts[5] as string, 'base64url');
    data[0] = (data[0] as number) ^ 1;
    parts[5] = data.toString('base64url');
    assert.throws(() => sealer.open(parts.join('.'), 'c'), /failed authentication/);
    assert.throws(() => sealer.open('s1.only.three', 'c'), /not a sealed value/);
  });

  it('names the master key a value needs when another one is configured', () => {
    const sealed = createSealer(master).seal(secret, 'c');
    const other = createSealer(new Uint8Array(32).fill(2));
    assert.throws(() => other.open(sealed, 'c'), new RegExp(`sealed under master key ${createSealer(master).keyId}`));
  });

  it('accepts only 32-byte master keys', () => {
    assert.throws(() => createSealer(new Uint8Array(16)), /32 bytes/);
  });
});
