import { auditEventOf } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { UserPatch } from '../ports.ts';
import type { Tenant } from '../tenant.ts';
import { MAX_USERNAME_LENGTH, type User, type UserStatus } from '../user.ts';

/** What an operator may change about a user; `null` clears an email or phone. */
export interface UserChanges {
  readonly displayName?: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly status?: UserStatus;
}

/**
 * Applies an operator's changes. A changed email or phone is no longer verified. Disabling takes
 * effect at once everywhere: every login ceremony and every bearer-token check reads the user's
 * status from storage. The change and its audit event commit together.
 */
export async function updateUser(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  userId: string,
  changes: UserChanges,
): Promise<User> {
  const displayName = changes.displayName?.normalize('NFC').trim();
  if (displayName !== undefined && (displayName === '' || displayName.length > MAX_USERNAME_LENGTH)) {
    throw new DomainError('invalid_request', { detail: `displayName must be 1-${MAX_USERNAME_LENGTH} characters` });
  }
  return deps.storage.transaction(async (storage) => {
    const before = await storage.users.getById(tenant.id, userId);
    if (!before) throw new DomainError('user_not_found');
    const patch: UserPatch = {
      updatedAt: deps.clock.now(),
      ...(displayName === undefined ? {} : { displayName }),
      ...(changes.email === undefined || changes.email === before.email ? {} : { email: changes.email, emailVerified: false }),
      ...(changes.phone === undefined || changes.phone === before.phone ? {} : { phone: changes.phone, phoneVerified: false }),
      ...(changes.status === undefined ? {} : { status: changes.status }),
    };
    const after = await storage.users.update(tenant.id, userId, patch);
    if (!after) throw new DomainError('user_not_found');
    const fields = Object.keys(patch).filter((k) => k !== 'updatedAt' && k !== 'emailVerified' && k !== 'phoneVerified');
    const action = changes.status !== undefined && changes.status !== before.status ? (changes.status === 'disabled' ? 'user.disabled' : 'user.enabled') : 'user.updated';
    await storage.audit.append(auditEventOf(deps, ctx, { tenantId: tenant.id, action, subject: `user:${userId}`, detail: { fields } }));
    return after;
  });
}
