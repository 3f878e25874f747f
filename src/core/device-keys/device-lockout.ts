import type { CoreDeps } from '../deps.ts';
import { failureLockout, type FailureLockout } from '../abuse/failure-lockout.ts';
import { DEVICE_LOCKOUT_POLICY } from './device-key-settings.ts';

/**
 * Proof-of-possession attempts on one subject (a user and device, or a BioKey username) from
 * one client, counted in the ephemeral store so every node behind a shared Redis sees the same
 * counts; the policy (see `failureLockout`) throttles the client that fails, not the account.
 */
export function deviceLockout(deps: Pick<CoreDeps, 'ephemeral' | 'clock'>, tenantId: string, subject: string, client: string | null): FailureLockout {
  return failureLockout(deps, DEVICE_LOCKOUT_POLICY, { scope: 'device-key', tenantId, account: subject, client });
}
