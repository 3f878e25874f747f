import { bytesEqual } from '../../core/encoding.ts';
import { importCosePublicKey } from './import-cose-public-key.ts';
import type { CosePublicKey } from './import-cose-public-key.ts';

interface Entry {
  readonly coseKey: Uint8Array;
  readonly publicKey: CosePublicKey;
}

/**
 * Imported credential public keys, so the login path does not decode CBOR and build a
 * `KeyObject` on every assertion. Bounded, least recently used first out: a Map keeps insertion
 * order, and a hit re-inserts its entry at the end.
 *
 * Entries are keyed by the credential record's id and remember the COSE bytes they were built
 * from; a lookup whose bytes differ (a record rewritten with a new key) re-imports instead of
 * returning a stale key. Comparing the bytes is cheaper than hashing them on every call.
 */
export class PublicKeyCache {
  readonly #capacity: number;
  readonly #entries = new Map<string, Entry>();

  constructor(capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.#capacity = capacity;
  }

  /** The imported key for `recordId`, importing (and caching) it on a miss. Import errors propagate. */
  get(recordId: string, coseKey: Uint8Array): CosePublicKey {
    const hit = this.#entries.get(recordId);
    if (hit !== undefined && bytesEqual(hit.coseKey, coseKey)) {
      this.#entries.delete(recordId);
      this.#entries.set(recordId, hit);
      return hit.publicKey;
    }
    const publicKey = importCosePublicKey(coseKey);
    this.#entries.delete(recordId);
    this.#entries.set(recordId, { coseKey: Uint8Array.from(coseKey), publicKey });
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
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
