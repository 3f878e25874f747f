interface Slot<V> {
  value: V;
  /** Read or written since the eviction scan last passed it. */
  used: boolean;
}

/**
 * A Map bounded to `capacity` entries that forgets a least recently used one first, by the
 * second-chance ("clock") approximation of LRU: a hit only marks its entry. Adding a key to a
 * full map first scans from the oldest entry, moving marked entries to the end (unmarked), and
 * drops the first unmarked one.
 *
 * Why not re-insert on every hit (delete + set, exact LRU): on the login path each hit would
 * churn the Map's hash table, which V8 then rebuilds every few hundred operations; those tables
 * and what they point to outlived young collections and were promoted, a measurable share of
 * the login's garbage (bench/, issue 13). A hit here writes one boolean.
 */
export class LruMap<K, V> {
  readonly #capacity: number;
  readonly #entries = new Map<K, Slot<V>>();

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const slot = this.#entries.get(key);
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): void {
    const slot = this.#entries.get(key);
    if (slot !== undefined) {
      slot.value = value;
      slot.used = true;
      return;
    }
    // Room is made before the new key comes in, so the scan can never drop the key being added.
    if (this.#entries.size >= this.#capacity) this.#evictOne();
    this.#entries.set(key, { value, used: false });
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Ends: every entry the scan moves to the end is unmarked, so it is dropped when reached again. */
  #evictOne(): void {
    for (const [key, slot] of this.#entries) {
      this.#entries.delete(key);
      if (!slot.used) return;
      slot.used = false;
      this.#entries.set(key, slot);
    }
  }
}
