import { LruMap } from '../core/lru-map.ts';
import type { CounterState } from '../core/ports.ts';

/**
 * The rate-limit counters this node has seen reach their limit, each until its window ends.
 * Within a fixed window a count only grows, so the next request on such a counter is refused
 * whatever the other nodes count meanwhile: refusing it here, with no store call and before its
 * body is read, answers what the store would have (the same 429, the same Retry-After). Bounded:
 * a forgotten entry only costs the store call it would have saved.
 */
export class ExhaustedCounters {
  readonly #until: LruMap<string, number>;

  constructor(capacity: number) {
    this.#until = new LruMap(capacity);
  }

  /** Remembers `key` when `state` shows it at or past `limit`. */
  note(key: string, state: CounterState, limit: number): void {
    if (state.count >= limit) this.#until.set(key, state.resetAt);
  }

  /** The end of the window in which `key` is known to be exhausted, if that window is still open. */
  exhaustedUntil(key: string, now: number): number | undefined {
    const until = this.#until.get(key);
    if (until === undefined || now < until) return until;
    this.#until.delete(key);
    return undefined;
  }
}
