import { bytesEqual } from '../../core/encoding.ts';
import { LruMap } from '../../core/lru-map.ts';
import { importCosePublicKey } from './import-cose-public-key.ts';
import type { CosePublicKey } from './import-cose-public-key.ts';

interface Entry<K> {
  readonly keyBytes: Uint8Array;
  readonly publicKey: K;
}

/**
 * Imported credential public keys, so the login path does not decode CBOR (or SPKI, for device
 * keys) and build a `KeyObject` on every assertion. The importer is COSE's by default. Bounded,
 * a least recently used record first out (`LruMap`).
 *
 * A key is kept from its record's second use while the first is still remembered (a list of
 * recently seen record ids, as long as the cache): a key used once is imported, used and dropped.
 * That is about memory, not speed. A `KeyObject`'s OpenSSL key (~2.3 KB) lives outside the JS heap,
 * where V8 does not count it, and is freed only when the GC collects the object: a key dropped
 * young goes at the next minor collection, while a cached one that is evicted goes only at a
 * major one, which a small JS heap rarely needs. With more users than the cache holds, logging
 * in one after another, caching every key made the process grow by ~4 KB per login until then
 * (bench --users 100000: peak RSS past 350 MiB).
 *
 * Entries are keyed by the credential record's id and remember the COSE bytes they were built
 * from; a lookup whose bytes differ (a record rewritten with a new key) re-imports instead of
 * returning a stale key. Comparing the bytes is cheaper than hashing them on every call.
 */
export class PublicKeyCache<K = CosePublicKey> {
  readonly #importKey: (keyBytes: Uint8Array) => K;
  readonly #entries: LruMap<string, Entry<K>>;
  /** Records whose key was imported once and not kept: the next import of theirs is kept. */
  readonly #seenOnce: LruMap<string, true>;

  /** The importer may be left out only for COSE keys, which are imported by default. */
  constructor(capacity = 10_000, ...importer: [CosePublicKey] extends [K] ? [importKey?: (keyBytes: Uint8Array) => K] : [importKey: (keyBytes: Uint8Array) => K]) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#entries = new LruMap(capacity);
    this.#seenOnce = new LruMap(capacity);
    this.#importKey = importer[0] ?? (importCosePublicKey as unknown as (keyBytes: Uint8Array) => K);
  }

  /**
   * The imported key for `recordId`, importing it on a miss, and keeping it when the record was
   * seen recently (or is held already, with other bytes). Import errors propagate.
   */
  get(recordId: string, keyBytes: Uint8Array): K {
    const hit = this.#entries.get(recordId);
    if (hit !== undefined && bytesEqual(hit.keyBytes, keyBytes)) return hit.publicKey;
    const publicKey = this.#importKey(keyBytes);
    if (hit === undefined && !this.#seenOnce.delete(recordId)) {
      this.#seenOnce.set(recordId, true);
      return publicKey;
    }
    this.#entries.set(recordId, { keyBytes: Uint8Array.from(keyBytes), publicKey });
    return publicKey;
  }

  /** Forgets a record (for example after the credential is revoked or deleted). */
  delete(recordId: string): void {
    this.#entries.delete(recordId);
    this.#seenOnce.delete(recordId);
  }

  get size(): number {
    return this.#entries.size;
  }
}
