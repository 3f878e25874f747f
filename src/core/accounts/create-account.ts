import { recordAudit } from '../audit.ts';
import type { PasskeyCredential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { storeRegisteredPasskey } from '../ceremonies/store-registered-passkey.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { createUser } from '../users/create-user.ts';
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
  /** The first passkey, already verified (its `userId` is the account's); null for accounts of an external provider. */
  readonly credential: PasskeyCredential | null;
  /** An external provider's (issuer, subject) to link, if the account is theirs. */
  readonly external: { readonly issuer: string; readonly subject: string } | null;
}

/**
 * Creates a user with its first passkey (stored as `finishPasskeyRegistration` stores one), its
 * profile and its external identity, if any, in one unit of work: nothing remains if the
 * username or the credential id turns out taken, or another request linked the identity first.
 */
export async function createAccount(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, input: NewAccount): Promise<{ user: User; profile: UserProfile }> {
  const { username, displayName, email, phone, contactVerified } = input;
  const newUser = { username, displayName, email, phone, contactVerified };
  return deps.storage.transaction(async (storage) => {
    const tx = { ...deps, storage };
    const user = input.credential !== null ? await storeRegisteredPasskey(tx, ctx, tenant, input.credential, newUser) : await createUser(tx, ctx, tenant, { ...newUser, id: input.userId });
    const now = deps.clock.now();
    const profile: UserProfile = { tenantId: tenant.id, userId: user.id, userName: null, locale: input.locale, loginProvider: input.loginProvider, lastLoginAt: now, updatedAt: now };
    await storage.profiles.put(profile);
    if (input.external !== null) {
      const linked = await storage.externalIdentities.link({ tenantId: tenant.id, issuer: input.external.issuer, subject: input.external.subject, userId: user.id, createdAt: now });
      if (linked !== user.id) throw new DomainError('credential_conflict', { detail: 'the external identity was linked concurrently' });
    }
    await recordAudit(tx, ctx, { tenantId: tenant.id, action: 'account.opened', subject: `user:${user.id}`, detail: { provider: input.loginProvider } });
    return { user, profile };
  });
}
