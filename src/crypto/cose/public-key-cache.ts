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
 * Entries are keyed by the credential record's id and remember the COSE bytes they were built
 * from; a lookup whose bytes differ (a record rewritten with a new key) re-imports instead of
 * returning a stale key. Comparing the bytes is cheaper than hashing them on every call.
 */
export class PublicKeyCache<K = CosePublicKey> {
  readonly #importKey: (keyBytes: Uint8Array) => K;
  readonly #entries: LruMap<string, Entry<K>>;

  /** The importer may be left out only for COSE keys, which are imported by default. */
  constructor(capacity = 10_000, ...importer: [CosePublicKey] extends [K] ? [importKey?: (keyBytes: Uint8Array) => K] : [importKey: (keyBytes: Uint8Array) => K]) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#entries = new LruMap(capacity);
    this.#importKey = importer[0] ?? (importCosePublicKey as unknown as (keyBytes: Uint8Array) => K);
  }

  /** The imported key for `recordId`, importing (and caching) it on a miss. Import errors propagate. */
  get(recordId: string, keyBytes: Uint8Array): K {
    const hit = this.#entries.get(recordId);
    if (hit !== undefined && bytesEqual(hit.keyBytes, keyBytes)) return hit.publicKey;
    const publicKey = this.#importKey(keyBytes);
    this.#entries.set(recordId, { keyBytes: Uint8Array.from(keyBytes), publicKey });
    return publicKey;
  }

  /** Forgets a record (for example after the credential is revoked or deleted). */
  delete(recordId: string): void {
    this.#entries.delete(recordId);
  }

  get size(): number {
    return this.#entries.size;
  }
}
