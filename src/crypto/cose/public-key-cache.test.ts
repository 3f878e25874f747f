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

  /** A cache holding `ids`' keys (each used twice: the second use keeps it). */
  const warmed = (capacity: number, ...ids: [string, Uint8Array][]): { cache: PublicKeyCache; keys: Map<string, unknown> } => {
    const cache = new PublicKeyCache(capacity);
    const keys = new Map<string, unknown>();
    for (const [id, bytes] of ids) {
      cache.get(id, bytes);
      keys.set(id, cache.get(id, bytes));
    }
    return { cache, keys };
  };

  it('keeps a key from its second use: the first is imported and dropped', () => {
    const cache = new PublicKeyCache(4);
    const once = cache.get('cred-1', first);
    assert.equal(cache.size, 0);
    const kept = cache.get('cred-1', Uint8Array.from(first));
    assert.notEqual(kept, once, 'imported again, and kept this time');
    assert.equal(kept.key.equals(once.key), true);
    assert.equal(cache.size, 1);
    assert.equal(cache.get('cred-1', Uint8Array.from(first)), kept);
  });

  it('keeps nothing of records used once each, however many', () => {
    const cache = new PublicKeyCache(2);
    for (let i = 0; i < 10; i++) cache.get(`once-${i}`, first);
    assert.equal(cache.size, 0);
    // Only the most recent of them are remembered as seen: an old one starts over.
    cache.get('once-0', first);
    assert.equal(cache.size, 0);
    cache.get('once-9', first);
    assert.equal(cache.size, 1);
  });

  it('re-imports when the record now holds different key bytes', () => {
    const { cache, keys } = warmed(4, ['cred-1', first]);
    const a = keys.get('cred-1') as ReturnType<PublicKeyCache['get']>;
    const b = cache.get('cred-1', second);
    assert.notEqual(b, a);
    assert.equal(b.key.equals(a.key), false);
    assert.equal(cache.size, 1);
    assert.equal(cache.get('cred-1', second), b, 'the new key replaced the old one at once');
  });

  it('evicts the least recently used record beyond its capacity', () => {
    const { cache, keys } = warmed(2, ['one', first], ['two', second]);
    const one = keys.get('one');
    assert.equal(cache.get('one', first), one); // touch: "two" is now the oldest
    cache.get('three', third);
    cache.get('three', third);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('one', first), one);
    const twoAgain = cache.get('two', second); // was evicted (and is not remembered as seen): a fresh import
    assert.notEqual(twoAgain, keys.get('two'));
    assert.equal(cache.size, 2);
  });

  it('does not cache keys that fail to import', () => {
    const cache = new PublicKeyCache(2);
    assert.throws(() => cache.get('bad', Uint8Array.of(0xa0)), (e: unknown) => isDomainError(e) && e.code === 'public_key_invalid');
    assert.equal(cache.size, 0);
  });

  it('forgets a deleted record, seen or kept, and rejects a zero capacity', () => {
    const { cache } = warmed(2, ['one', first]);
    cache.delete('one');
    assert.equal(cache.size, 0);
    cache.get('two', second);
    cache.delete('two');
    cache.get('two', second);
    assert.equal(cache.size, 0, 'a deleted record is not remembered as seen');
    assert.throws(() => new PublicKeyCache(0), RangeError);
  });

  it('caches device keys through the importer it is given: one import per record and key bytes', () => {
    const spki = () => new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' }) as Buffer);
    const [one, other] = [spki(), spki()];
    let imports = 0;
    const cache = new PublicKeyCache(10, (bytes) => (imports++, publicKeyFromSpki(bytes)));
    cache.get('device', one);
    const key = cache.get('device', one);
    assert.equal(key.algorithm, 'P-256');
    assert.equal(cache.get('device', one), key);
    assert.equal(imports, 2, 'imported on the first use and kept from the second');
    assert.notEqual(cache.get('device', other), key, 'a re-enrolled key is imported afresh');
    assert.equal(imports, 3);
  });
});
