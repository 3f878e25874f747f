import { recordAudit } from '../../audit.ts';
import type { Credential } from '../../credential.ts';
import type { CoreDeps, RequestContext } from '../../deps.ts';
import { DomainError } from '../../errors.ts';
import type { Tenant } from '../../tenant.ts';
import { normalizeUsername, type User } from '../../user.ts';
import { listActiveDeviceCredentials } from '../active-device-credentials.ts';
import { accountKeyOf } from '../device-account.ts';
import { takeDeviceChallenge } from '../take-device-challenge.ts';
import { holdsIdentityValue, identityValueOf } from './legacy-identity-value.ts';

export interface LegacyConfirmation {
  readonly user: User;
  /** The user's newest identity of the platform. */
  readonly credential: Credential;
  /** What the client enrolled as its `publicKey` (see `identityValueOf`). */
  readonly identityValue: string;
}

/**
 * INSECURE, for a tenant's explicit legacy switch only (BioKey v0.1.0 `/verify`): "verifies" a
 * username by a challenge anyone can fetch, proving nothing. Kept in v0.1.0's order: an unknown
 * user is `user_not_found` before the challenge is touched; then the challenge is consumed.
 * Never issues a token.
 */
export async function confirmWithoutProof(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  input: { readonly username: string; readonly challengeHandle: string; readonly platform: string },
): Promise<LegacyConfirmation> {
  if (!tenant.integrations.biokeyInsecureLegacyMode) throw new DomainError('forbidden', { detail: 'the insecure legacy mode is off' });
  const user = await deps.storage.users.getByUsername(tenant.id, normalizeUsername(input.username));
  const identities = user === null ? [] : (await listActiveDeviceCredentials(deps, tenant.id, user.id)).filter((c) => c.platform === input.platform && holdsIdentityValue(c));
  const credential = identities.at(-1);
  if (user === null || credential === undefined) throw new DomainError('user_not_found');
  const challenge = await takeDeviceChallenge(deps, tenant, input.challengeHandle);
  if (challenge.account !== null && challenge.account !== accountKeyOf({ username: input.username })) {
    throw new DomainError('challenge_mismatch', { detail: 'challenge issued to another account' });
  }
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'device-key.confirmed-without-proof', subject: `user:${user.id}`, detail: { credential: credential.id, insecure: true } });
  return { user, credential, identityValue: identityValueOf(deps, credential) };
}
