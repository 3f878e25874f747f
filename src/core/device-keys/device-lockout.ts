import { createHash } from 'node:crypto';
import type { CoreDeps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_MS } from './device-key-settings.ts';

export interface DeviceLockout {
  /**
   * Counts one attempt before it is verified, atomically, so concurrent attempts cannot all slip
   * past a check made before any of them failed. Returns the attempt's number in the window, or
   * refuses with `locked_out` (and the seconds until the window ends) past the limit.
   */
  admit(): Promise<number>;
  /** A successful verification clears the count: only consecutive failures lock a device out. */
  reset(): Promise<void>;
}

/**
 * Attempts of one subject (a user and device, or a BioKey username) counted in the ephemeral
 * store, so every node behind a shared Redis sees the same count. The window is fixed from the
 * first attempt: five attempts without a success within it refuse further ones until it ends.
 */
export function deviceLockout(deps: Pick<CoreDeps, 'ephemeral' | 'clock'>, tenantId: string, subject: string): DeviceLockout {
  const key = `lockout:device-key:${tenantId}:${createHash('sha256').update(subject).digest('base64url')}`;
  return {
    async admit() {
      const state = await deps.ephemeral.increment(key, LOCKOUT_WINDOW_MS);
      if (state.count > LOCKOUT_MAX_FAILURES) {
        const seconds = Math.max(1, Math.ceil((state.resetAt - deps.clock.now()) / 1000));
        throw new DomainError('locked_out', { retryAfterSeconds: seconds, detail: `${state.count - 1} attempts without success` });
      }
      return state.count;
    },
    async reset() {
      await deps.ephemeral.delete(key);
    },
  };
}
