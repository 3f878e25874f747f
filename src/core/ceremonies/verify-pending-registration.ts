import { recordAudit } from '../audit.ts';
import { consumeChallenge } from '../challenges.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { verifyRegistration } from '../passkeys/verify-registration.ts';
import type { AttestationPreference, Tenant, UserVerificationPolicy } from '../tenant.ts';
import { passkeyCredentialOf, type PasskeyPlacement } from './passkey-credential.ts';

/** A sign-up whose passkey is verified but whose account waits for a confirmation (a code). */
export interface PendingSignup {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  /** The verified passkey, ready to store when the sign-up is confirmed. */
  readonly credential: Credential;
}

interface SignupState {
  readonly username: string;
  readonly displayName: string;
  readonly newUser: boolean;
  readonly userVerification: UserVerificationPolicy;
  readonly attestation: AttestationPreference;
  readonly algorithms: number[];
}

/**
 * The first half of a confirmed sign-up: spends the registration challenge (started by
 * `startPasskeyRegistration` for a new username) and verifies the attestation, but creates
 * nothing. The caller holds the result until the user proves the handle, then creates the
 * account in one transaction (`createAccount`).
 */
export async function verifyPendingRegistration(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  session: string,
  response: unknown,
  placement: PasskeyPlacement,
): Promise<PendingSignup> {
  const challenge = await consumeChallenge(deps, tenant.id, session, 'passkey.registration');
  const state = challenge.data as unknown as SignupState;
  const userId = challenge.userId as string;
  try {
    if (!state.newUser) throw new DomainError('registration_not_allowed', { detail: 'a pending sign-up is for new usernames only' });
    const passkey = await verifyRegistration(
      response,
      { challenge: challenge.challenge, origins: tenant.origins, rpId: tenant.rpId, userVerification: state.userVerification, algorithms: state.algorithms, attestation: state.attestation },
      { ...deps.passkeys.trust, now: deps.clock.now() },
    );
    // §7.1 step 24 (checked again, atomically, when the account is created).
    if (await deps.storage.credentials.getByCredentialId(tenant.id, passkey.credentialId)) throw new DomainError('credential_conflict', { detail: 'credential id already registered' });
    const credential = passkeyCredentialOf(deps, tenant, userId, passkey, placement);
    return { userId, username: state.username, displayName: state.displayName, credential };
  } catch (error) {
    const code = error instanceof DomainError ? error.code : 'internal';
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'passkey.registered', subject: `user:${userId}`, outcome: 'failure', detail: { code } });
    throw error;
  }
}
