import { createHash } from 'node:crypto';
import type { CoreDeps } from '../deps.ts';
import { DomainError } from '../errors.ts';

/**
 * How failed attempts at a secret-backed proof (a device key, a one-time code) are throttled so
 * that the throttle lands on the attacker and not on the account's owner (OWASP ASVS v5 V6.3:
 * lockout must not enable denial of service against the account):
 *
 * - per (account, client): attempts are counted atomically *before* they are checked, so
 *   concurrent ones cannot slip past; past `perClient` without a success the client is refused
 *   until its window ends. Another client (the owner's device elsewhere) is not affected.
 * - per account: only *failures* are counted. Past `perAccount` of them in a window, the account
 *   hears each client once: a client with an attempt of its own in the window and no success
 *   since is refused, while one that has not tried yet (the owner's device, whose first proof
 *   succeeds) is still heard. A flood from many addresses buys each address one guess.
 * - a success clears that client's count; the account-wide count runs out with its window (one
 *   client's success says nothing about the failures of others).
 */
export interface LockoutPolicy {
  readonly perClient: number;
  readonly perAccount: number;
  readonly windowMs: number;
}

export type LockScope = 'client' | 'account';

export interface FailureLockout {
  /** Counts this attempt, or refuses it with `locked_out` (and `Retry-After`). Returns its number for this client. */
  admit(): Promise<number>;
  /** A failed proof: counted account-wide. Names the locks this failure just set (to audit). */
  failed(attempt: number): Promise<readonly LockScope[]>;
  /** A successful proof: this client starts afresh. */
  succeeded(): Promise<void>;
}

export interface LockoutSubject {
  /** What is being guessed at, e.g. `device-key` or `one-time-code`. */
  readonly scope: string;
  readonly tenantId: string;
  /** The account (and device) the attempt names. */
  readonly account: string;
  /** Where the attempt comes from (the client IP); null when unknown, which counts as one client. */
  readonly client: string | null;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 32);

export function failureLockout(deps: Pick<CoreDeps, 'ephemeral' | 'clock'>, policy: LockoutPolicy, subject: LockoutSubject): FailureLockout {
  const base = `lockout:${subject.scope}:${subject.tenantId}:${digest(subject.account)}`;
  const clientKey = `${base}:client:${digest(subject.client ?? 'unknown')}`;
  const accountKey = `${base}:account`;
  const refuse = (resetAt: number, detail: string): DomainError =>
    new DomainError('locked_out', { retryAfterSeconds: Math.max(1, Math.ceil((resetAt - deps.clock.now()) / 1000)), detail });

  return {
    async admit() {
      const mine = await deps.ephemeral.increment(clientKey, policy.windowMs);
      if (mine.count > policy.perClient) throw refuse(mine.resetAt, `client: ${mine.count - 1} attempts without success`);
      if (mine.count > 1) {
        const account = await deps.ephemeral.peekCounter(accountKey);
        if (account.count >= policy.perAccount) throw refuse(account.resetAt, `account: ${account.count} failures from all clients`);
      }
      return mine.count;
    },
    async failed(attempt) {
      const account = await deps.ephemeral.increment(accountKey, policy.windowMs);
      const set: LockScope[] = [];
      if (attempt === policy.perClient) set.push('client');
      if (account.count === policy.perAccount) set.push('account');
      return set;
    },
    async succeeded() {
      await deps.ephemeral.delete(clientKey);
    },
  };
}
