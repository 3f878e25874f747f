import { recordAudit } from '../../audit.ts';
import type { Credential, DeviceKeyCredential, LegacyBioKeyIdentity } from '../../credential.ts';
import type { CoreDeps, RequestContext } from '../../deps.ts';
import { DomainError } from '../../errors.ts';
import type { Tenant } from '../../tenant.ts';
import { normalizeUsername, type User } from '../../user.ts';
import { listActiveDeviceCredentials } from '../active-device-credentials.ts';
import { accountKeyOf } from '../device-account.ts';
import { takeDeviceChallenge } from '../take-device-challenge.ts';
import { identityValueOf } from './legacy-identity-value.ts';

export interface LegacyConfirmation {
  readonly user: User;
  /** The user's newest BioKey identity: a legacy identity or a device key. */
  readonly credential: LegacyBioKeyIdentity | DeviceKeyCredential;
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
  input: { readonly username: string; readonly challengeHandle: string; readonly insecureSwitchOn: boolean },
): Promise<LegacyConfirmation> {
  if (!input.insecureSwitchOn) throw new DomainError('forbidden', { detail: 'the insecure legacy mode is off' });
  const user = await deps.storage.users.getByUsername(tenant.id, normalizeUsername(input.username));
  const identities = user === null ? [] : (await listActiveDeviceCredentials(deps, tenant.id, user.id)).filter(isBioKeyIdentity);
  const credential = identities.at(-1);
  if (user === null || credential === undefined) throw new DomainError('user_not_found');
  // Even without a proof, a disabled account is not confirmed (nor its identity value handed out).
  if (user.status !== 'active') throw new DomainError('user_disabled');
  const challenge = await takeDeviceChallenge(deps, tenant, input.challengeHandle);
  if (challenge.account !== null && challenge.account !== accountKeyOf({ username: input.username })) {
    throw new DomainError('challenge_mismatch', { detail: 'challenge issued to another account' });
  }
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'device-key.confirmed-without-proof', subject: `user:${user.id}`, detail: { credential: credential.id, insecure: true } });
  return { user, credential, identityValue: identityValueOf(deps, credential) };
}

/** What BioKey calls a user's identity: an identity value or a key enrolled through it (not a passkey). */
function isBioKeyIdentity(credential: Credential): credential is LegacyBioKeyIdentity | DeviceKeyCredential {
  return credential.enrolledVia === 'biokey' && credential.kind !== 'passkey';
}
