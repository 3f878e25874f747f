import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../core/errors.ts';
import { createCredentialKey } from '../../testing/authenticator/credential-key.ts';
import { generateKeyPairSync } from 'node:crypto';
import { publicKeyFromSpki } from '../device-keys/index.ts';
import { PublicKeyCache } from './public-key-cache.ts';

describe('PublicKeyCache', () => {
  const first = createCredentialKey(-7, 'cache-1').cose;
  const second = createCredentialKey(-7, 'cache-2').cose;
  const third = createCredentialKey(-8, 'cache-3').cose;

  it('returns the same imported key object on a hit', () => {
    const cache = new PublicKeyCache(4);
    const a = cache.get('cred-1', first);
    assert.equal(cache.get('cred-1', Uint8Array.from(first)), a);
    assert.equal(cache.size, 1);
  });

  it('re-imports when the record now holds different key bytes', () => {
    const cache = new PublicKeyCache(4);
    const a = cache.get('cred-1', first);
    const b = cache.get('cred-1', second);
    assert.notEqual(b, a);
    assert.equal(b.key.equals(a.key), false);
    assert.equal(cache.size, 1);
  });

  it('evicts the least recently used record beyond its capacity', () => {
    const cache = new PublicKeyCache(2);
    const one = cache.get('one', first);
    cache.get('two', second);
    assert.equal(cache.get('one', first), one); // touch: "two" is now the oldest
    cache.get('three', third);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('one', first), one);
    const twoAgain = cache.get('two', second); // was evicted, so this is a fresh import
    assert.equal(cache.size, 2);
    assert.equal(cache.get('two', second), twoAgain);
  });

  it('does not cache keys that fail to import', () => {
    const cache = new PublicKeyCache(2);
    assert.throws(() => cache.get('bad', Uint8Array.of(0xa0)), (e: unknown) => isDomainError(e) && e.code === 'public_key_invalid');
    assert.equal(cache.size, 0);
  });

  it('forgets a deleted record and rejects a zero capacity', () => {
    const cache = new PublicKeyCache(2);
    cache.get('one', first);
    cache.delete('one');
    assert.equal(cache.size, 0);
    assert.throws(() => new PublicKeyCache(0), RangeError);
  });

  it('caches device keys through the importer it is given: one import per record and key bytes', () => {
    const spki = () => new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' }) as Buffer);
    const [one, other] = [spki(), spki()];
    let imports = 0;
    const cache = new PublicKeyCache(10, (bytes) => (imports++, publicKeyFromSpki(bytes)));
    const key = cache.get('device', one);
    assert.equal(key.algorithm, 'P-256');
    assert.equal(cache.get('device', one), key);
    assert.equal(imports, 1);
    assert.notEqual(cache.get('device', other), key, 'a re-enrolled key is imported afresh');
    assert.equal(imports, 2);
  });
});
