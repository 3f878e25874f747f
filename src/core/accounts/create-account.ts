import { recordAudit } from '../audit.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { MAX_USERNAME_LENGTH, normalizeUsername, type User } from '../user.ts';
import type { LoginProvider, UserProfile } from './user-profile.ts';

export interface NewAccount {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly phone: string | null;
  /** Verified by the ceremony that made the account (a code sent there, a provider's token). */
  readonly contactVerified: boolean;
  readonly locale: string | null;
  readonly loginProvider: LoginProvider;
  /** The first passkey, already verified; null for accounts of an external provider. */
  readonly credential: Credential | null;
  /** An external provider's (issuer, subject) to link, if the account is theirs. */
  readonly external: { readonly issuer: string; readonly subject: string } | null;
}

/**
 * Creates a user with its first passkey and its profile in one transaction (nothing remains if
 * the username or credential id turns out taken), then links the external identity, if any.
 */
export async function createAccount(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, input: NewAccount): Promise<{ user: User; profile: UserProfile }> {
  const username = normalizeUsername(input.username);
  if (username.length === 0 || username.length > MAX_USERNAME_LENGTH) throw new DomainError('invalid_request', { detail: 'username must be 1-256 characters' });
  const now = deps.clock.now();
  const user: User = {
    id: input.userId,
    tenantId: tenant.id,
    username,
    displayName: input.displayName.normalize('NFC').trim().slice(0, MAX_USERNAME_LENGTH) || username,
    email: input.email,
    emailVerified: input.email !== null && input.contactVerified,
    phone: input.phone,
    phoneVerified: input.phone !== null && input.contactVerified,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  const profile: UserProfile = { tenantId: tenant.id, userId: user.id, userName: null, locale: input.locale, loginProvider: input.loginProvider, lastLoginAt: now, updatedAt: now };
  await deps.storage.accounts.create(user, input.credential, profile);
  if (input.external !== null) {
    const linked = await deps.storage.externalIdentities.link({ tenantId: tenant.id, issuer: input.external.issuer, subject: input.external.subject, userId: user.id, createdAt: now });
    if (linked !== user.id) {
      // Another request linked this identity first: this account must not exist.
      await deps.storage.accounts.delete(tenant.id, user.id);
      throw new DomainError('credential_conflict', { detail: 'the external identity was linked concurrently' });
    }
  }
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: 'user.created',
    subject: `user:${user.id}`,
    detail: { provider: input.loginProvider, ...(input.credential ? { credentialId: toBase64Url(input.credential.credentialId) } : {}) },
  });
  return { user, profile };
}
