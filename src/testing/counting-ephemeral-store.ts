import type { EphemeralStore } from '../core/ports.ts';

type Operation = Exclude<keyof EphemeralStore, 'close'>;

export interface EphemeralCall {
  readonly operation: Operation;
  readonly keys: readonly string[];
  /** The round trip the call went out in (1, 2, …; see `countEphemeralCalls`). */
  readonly round: number;
}

export interface CountingEphemeralStore extends EphemeralStore {
  /** Every call since the last `forget`, in the order they were made. */
  readonly calls: readonly EphemeralCall[];
  /** Round trips since the last `forget`. */
  rounds(): number;
  forget(): void;
}

/**
 * `store` with every call noted, and its answers held back until the end of the event-loop turn
 * in which the call was made. Calls made in one turn go out together, as a pipelining client
 * (ioredis with auto-pipelining) sends them, and none of them can depend on another's answer; a
 * call made once an answer has arrived goes out in a later round. So `rounds()` counts the
 * dependent steps a piece of work takes through the store, whatever its speed.
 */
export function countEphemeralCalls(store: EphemeralStore): CountingEphemeralStore {
  let calls: EphemeralCall[] = [];
  let round = 0;
  let open: Promise<void> | null = null;

  const note = <T>(operation: Operation, keys: readonly string[], call: () => Promise<T>): Promise<T> => {
    if (open === null) {
      round++;
      open = new Promise((resolve) =>
        setImmediate(() => {
          open = null;
          resolve();
        }),
      );
    }
    calls.push({ operation, keys, round });
    const answered = open;
    return call().then(async (value) => {
      await answered;
      return value;
    });
  };

  return {
    get calls() {
      return calls;
    },
    rounds: () => round,
    forget() {
      calls = [];
      round = 0;
    },
    set: (key, value, ttlMs) => note('set', [key], () => store.set(key, value, ttlMs)),
    get: (key) => note('get', [key], () => store.get(key)),
    take: (key) => note('take', [key], () => store.take(key)),
    delete: (key) => note('delete', [key], () => store.delete(key)),
    increment: (key, windowMs) => note('increment', [key], () => store.increment(key, windowMs)),
    incrementMany: (keys, windowMs) => note('incrementMany', keys, () => store.incrementMany(keys, windowMs)),
    peekCounter: (key) => note('peekCounter', [key], () => store.peekCounter(key)),
    ping: () => note('ping', [], () => store.ping()),
    close: () => store.close(),
  };
}
