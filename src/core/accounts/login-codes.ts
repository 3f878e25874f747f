import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { admitCodeIssue } from '../one-time-codes/admit-code-issue.ts';
import { addressProblem } from '../one-time-codes/code-address.ts';
import { availableChannels, deliverOneTimeCode } from '../one-time-codes/deliver-one-time-code.ts';
import { issueOneTimeCode } from '../one-time-codes/issue-one-time-code.ts';
import type { CodeChannel, IssuedCode } from '../one-time-codes/one-time-code.ts';
import { verifyOneTimeCode } from '../one-time-codes/verify-one-time-code.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername, type User } from '../user.ts';

/** Login codes of a user: one live code at a time, whichever way it was issued. */
export const LOGIN_CODE_PURPOSE = 'login-code';

/** A code a signed-in user reads on one device to sign in on another. */
export function issueLoginCode(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, user: User): Promise<IssuedCode> {
  return issueOneTimeCode(deps, ctx, tenant, { purpose: LOGIN_CODE_PURPOSE, subject: user.id });
}

/**
 * Where a login code for `user` may go on `channel`: a verified address of theirs, or for email
 * a username that is itself an email address (what the account was opened under). A phone is
 * verified only with the user's consent to messages, so it is never messaged without it.
 */
function addressOf(user: User, channel: CodeChannel): string | null {
  if (channel === 'sms') return user.phone !== null && user.phoneVerified ? user.phone : null;
  if (user.email !== null) return user.emailVerified ? user.email : null;
  return addressProblem('email', user.username) === null ? user.username : null;
}

/**
 * Sends a login code to the named user's address on `channel`. An unconfigured channel is
 * refused for everyone alike; an unknown user, or one without an address there, gets nothing
 * and the caller is told nothing different (audited as `login-code.not-sent`).
 */
export async function sendLoginCode(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, username: string, channel: CodeChannel): Promise<void> {
  if (!availableChannels(deps, tenant).includes(channel)) throw new DomainError('channel_unavailable', { detail: `no ${channel} provider is configured` });
  const user = await deps.storage.users.getByUsername(tenant.id, normalizeUsername(username));
  const address = user !== null && user.status === 'active' ? addressOf(user, channel) : null;
  if (user === null || address === null) {
    // Counted as an issue would be, so the issue limits answer alike for every name (429 after
    // the same number of sends) instead of telling which names have an address.
    await admitCodeIssue(deps, ctx, { tenantId: tenant.id, purpose: LOGIN_CODE_PURPOSE, subject: user?.id ?? `username:${normalizeUsername(username)}` });
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'login-code.not-sent', subject: user ? `user:${user.id}` : null, outcome: 'failure', detail: { channel } });
    return;
  }
  const code = await issueLoginCode(deps, ctx, tenant, user);
  await deliverOneTimeCode(deps, ctx, tenant, { channel, address, code, purpose: LOGIN_CODE_PURPOSE });
}

/** The user a login code signs in; a wrong code and an unknown username are the same `code_invalid`. */
export async function verifyLoginCode(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, username: string, code: string): Promise<User> {
  const user = await deps.storage.users.getByUsername(tenant.id, normalizeUsername(username));
  if (user === null) throw new DomainError('code_invalid', { detail: 'no such user' });
  await verifyOneTimeCode(deps, ctx, tenant, { purpose: LOGIN_CODE_PURPOSE, subject: user.id, code });
  if (user.status !== 'active') throw new DomainError('user_disabled');
  return user;
}
