import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { provePossession, type PossessionAttempt } from './prove-possession.ts';

/**
 * What allows a key to be added to an account that already exists. Re-enrolling never silently
 * replaces a key: it takes an authenticated session of that very user, the management API, or
 * a proof by one of the account's current keys.
 */
export type EnrollmentAuthority =
  | { readonly kind: 'session'; readonly userId: string }
  | { readonly kind: 'management'; readonly apiKeyId: string }
  | { readonly kind: 'possession'; readonly attempt: PossessionAttempt }
  | { readonly kind: 'none' };

/** Throws unless `authority` may add a key to the existing `user`. */
export async function authorizeEnrollment(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, user: User, authority: EnrollmentAuthority): Promise<void> {
  if (user.status !== 'active') throw new DomainError('user_disabled');
  switch (authority.kind) {
    case 'session':
      if (authority.userId !== user.id) throw new DomainError('forbidden', { detail: 'a session of another user' });
      return;
    case 'management':
      return;
    case 'possession': {
      const proven = await provePossession(deps, ctx, tenant, authority.attempt);
      if (proven.user.id !== user.id) throw new DomainError('forbidden', { detail: 'proof by a key of another user' });
      return;
    }
    case 'none':
      throw new DomainError('credential_conflict', { detail: 'the account exists; adding a device key needs proof' });
  }
}
