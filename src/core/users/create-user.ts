import { recordAudit } from '../audit.ts';
import { DomainError } from '../errors.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import { MAX_USERNAME_LENGTH, normalizeUsername, type User } from '../user.ts';

export interface NewUser {
  /** Chosen beforehand when it must be known early (the WebAuthn user handle); generated otherwise. */
  readonly id?: string;
  readonly username: string;
  readonly displayName?: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  /** The email and phone given were proven by the ceremony that makes the user (a code sent there). */
  readonly contactVerified?: boolean;
}

/** Creates an active user; `username_taken` when the tenant already has the username. */
export async function createUser(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  input: NewUser,
): Promise<User> {
  const username = normalizeUsername(input.username);
  if (username.length === 0 || username.length > MAX_USERNAME_LENGTH) {
    throw new DomainError('invalid_request', { detail: `username must be 1-${MAX_USERNAME_LENGTH} characters` });
  }
  const displayName = (input.displayName ?? username).normalize('NFC').trim().slice(0, MAX_USERNAME_LENGTH) || username;
  const now = deps.clock.now();
  const email = input.email ?? null;
  const phone = input.phone ?? null;
  const user: User = {
    id: input.id ?? deps.random.uuid(),
    tenantId: tenant.id,
    username,
    displayName,
    email,
    emailVerified: email !== null && input.contactVerified === true,
    phone,
    phoneVerified: phone !== null && input.contactVerified === true,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await deps.storage.users.create(user);
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'user.created', subject: `user:${user.id}` });
  return user;
}
