import { DomainError } from '../core/errors.ts';
import type { EphemeralStore } from '../core/ports.ts';
import type { SigilMetrics } from './sigil-metrics.ts';

/** Where `src/core/challenges.ts` keeps every challenge, whatever the ceremony or dialect. */
const CHALLENGE_KEY = 'challenge:';

/** A failure is the store's when it is not a domain answer (a full memory store is one: `capacity_exceeded`). */
export function isStoreFailure(error: unknown): boolean {
  return !(error instanceof DomainError) || error.code === 'service_unavailable';
}

/**
 * The ephemeral store, counting challenges issued and consumed and the store's failures. The
 * store's contract is unchanged: every call is passed through and every failure rethrown.
 */
export function instrumentEphemeral(store: EphemeralStore, metrics: SigilMetrics): EphemeralStore {
  const tally = metrics.challenges;
  const failed = (operation: string) => {
    const counter = metrics.storeErrors.labels('ephemeral', operation);
    return (error: unknown): never => {
      if (isStoreFailure(error)) counter.inc();
      throw error;
    };
  };
  const onSet = failed('set');
  const onGet = failed('get');
  const onTake = failed('take');
  const onDelete = failed('delete');
  const onIncrement = failed('increment');
  const onIncrementMany = failed('incrementMany');
  const onPeek = failed('peekCounter');
  const onPing = failed('ping');
  // One promise per call, as without the wrapper's counting: a `then` with both handlers.
  const issued = (): void => {
    tally.issued++;
  };
  const tookChallenge = (value: string | null): string | null => {
    if (value === null) tally.missing++;
    else tally.taken++;
    return value;
  };
  return {
    set: (key, value, ttlMs) => (key.startsWith(CHALLENGE_KEY) ? store.set(key, value, ttlMs).then(issued, onSet) : store.set(key, value, ttlMs).catch(onSet)),
    take: (key) => (key.startsWith(CHALLENGE_KEY) ? store.take(key).then(tookChallenge, onTake) : store.take(key).catch(onTake)),
    get: (key) => store.get(key).catch(onGet),
    delete: (key) => store.delete(key).catch(onDelete),
    increment: (key, windowMs) => store.increment(key, windowMs).catch(onIncrement),
    incrementMany: (keys, windowMs) => store.incrementMany(keys, windowMs).catch(onIncrementMany),
    peekCounter: (key) => store.peekCounter(key).catch(onPeek),
    ping: () => store.ping().catch(onPing),
    close: () => store.close(),
  };
}
