import { createHash } from 'node:crypto';
import type { CoreDeps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_MS } from './device-key-settings.ts';

export interface DeviceLockout {
  /** `locked_out` (with the seconds until the window ends) after too many failures. */
  assertOpen(): Promise<void>;
  /** Counts one failed verification; returns the failures counted in the current window. */
  recordFailure(): Promise<number>;
  /** A successful verification clears the count: only consecutive failures lock a device out. */
  reset(): Promise<void>;
}

/**
 * Failed verifications of one subject (a user and device, or a BioKey username) counted in the
 * ephemeral store, so every node behind a shared Redis sees the same count. The window is fixed
 * from the first failure: five failures within it refuse further attempts until it ends.
 */
export function deviceLockout(deps: Pick<CoreDeps, 'ephemeral' | 'clock'>, tenantId: string, subject: string): DeviceLockout {
  const key = `lockout:device-key:${tenantId}:${createHash('sha256').update(subject).digest('base64url')}`;
  return {
    async assertOpen() {
      const state = await deps.ephemeral.peekCounter(key);
      if (state.count >= LOCKOUT_MAX_FAILURES) {
        const seconds = Math.max(1, Math.ceil((state.resetAt - deps.clock.now()) / 1000));
        throw new DomainError('locked_out', { retryAfterSeconds: seconds, detail: `${state.count} failed verifications` });
      }
    },
    async recordFailure() {
      return (await deps.ephemeral.increment(key, LOCKOUT_WINDOW_MS)).count;
    },
    async reset() {
      await deps.ephemeral.delete(key);
    },
  };
}
