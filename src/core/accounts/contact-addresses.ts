import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { deliverOneTimeCode } from '../one-time-codes/deliver-one-time-code.ts';
import { issueOneTimeCode } from '../one-time-codes/issue-one-time-code.ts';
import type { CodeChannel } from '../one-time-codes/one-time-code.ts';
import { verifyOneTimeCode } from '../one-time-codes/verify-one-time-code.ts';
import type { UserPatch } from '../ports.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername, type User } from '../user.ts';

const purposeOf = (channel: CodeChannel): string => `contact-verification:${channel}`;

const patchOf = (channel: CodeChannel, address: string | null, verified: boolean, at: number): UserPatch =>
  channel === 'email' ? { email: address, emailVerified: verified, updatedAt: at } : { phone: address, phoneVerified: verified, updatedAt: at };

async function existingUser(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, userId: string): Promise<User> {
  const user = await deps.storage.users.getById(tenant.id, userId);
  if (user === null) throw new DomainError('user_not_found');
  return user;
}

/**
 * Sets (or, with null, removes) a user's email or phone at once, as an administrator vouches.
 * `verified` says whether codes may be sent there (for a phone: whether its owner consented).
 */
export async function setContactAddress(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, userId: string, channel: CodeChannel, address: string | null, verified: boolean): Promise<void> {
  await deps.storage.transaction(async (storage) => {
    const tx = { ...deps, storage };
    await existingUser(tx, tenant, userId);
    await storage.users.update(tenant.id, userId, patchOf(channel, address, address !== null && verified, deps.clock.now()));
    await recordAudit(tx, ctx, { tenantId: tenant.id, action: address === null ? `user.${channel}-removed` : `user.${channel}-set`, subject: `user:${userId}`, detail: { verified } });
  });
}

/** Sends a code to a new address; the address is stored, verified, only when the code comes back. */
export async function requestContactVerification(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, userId: string, channel: CodeChannel, address: string): Promise<void> {
  await existingUser(deps, tenant, userId);
  const code = await issueOneTimeCode(deps, ctx, tenant, { purpose: purposeOf(channel), subject: userId, data: address });
  await deliverOneTimeCode(deps, ctx, tenant, { channel, address, code, purpose: purposeOf(channel) });
}

/** Checks the code sent to the named user's new address and stores the address as verified. */
export async function confirmContactVerification(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, username: string, channel: CodeChannel, code: string): Promise<void> {
  const user = await deps.storage.users.getByUsername(tenant.id, normalizeUsername(username));
  if (user === null) throw new DomainError('code_invalid', { detail: 'no such user' });
  const { data } = await verifyOneTimeCode(deps, ctx, tenant, { purpose: purposeOf(channel), subject: user.id, code });
  if (data === null) throw new DomainError('code_invalid', { detail: 'the code carries no address' });
  await deps.storage.transaction(async (storage) => {
    await storage.users.update(tenant.id, user.id, patchOf(channel, data, true, deps.clock.now()));
    await recordAudit({ ...deps, storage }, ctx, { tenantId: tenant.id, action: `user.${channel}-verified`, subject: `user:${user.id}` });
  });
}
