import { recordAudit } from '../audit.ts';
import { consumeChallenge } from '../challenges.ts';
import type { PasskeyCredential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { passkeyCredentialOf, type PasskeyPlacement } from './passkey-credential.ts';
import { verifyRegistrationAnswer } from './verify-registration-answer.ts';

/** A sign-up whose passkey is verified but whose account waits for a confirmation (a code). */
export interface PendingSignup {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  /** The verified passkey, ready to store when the sign-up is confirmed. */
  readonly credential: PasskeyCredential;
}

/**
 * The first half of a confirmed sign-up: spends the registration challenge (started by
 * `startPasskeyRegistration` for a new username) and verifies the attestation as
 * `finishPasskeyRegistration` does, but creates nothing. The caller holds the result until the
 * user proves the handle, then `createAccount` stores it as `finishPasskeyRegistration` would
 * (`storeRegisteredPasskey`, in one unit of work with the profile).
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
  const userId = challenge.userId as string;
  try {
    const { state, passkey } = await verifyRegistrationAnswer(deps, tenant, challenge, response);
    if (!state.newUser) throw new DomainError('registration_not_allowed', { detail: 'a pending sign-up is for new usernames only' });
    // §7.1 step 24, early (checked again, in the unit of work, when the account is created).
    if (await deps.storage.credentials.getByCredentialId(tenant.id, passkey.credentialId)) throw new DomainError('credential_conflict', { detail: 'credential id already registered' });
    const credential = passkeyCredentialOf(deps, tenant, userId, passkey, placement);
    return { userId, username: state.username, displayName: state.displayName, credential };
  } catch (error) {
    const code = error instanceof DomainError ? error.code : 'internal';
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'passkey.registered', subject: `user:${userId}`, outcome: 'failure', detail: { code } });
    throw error;
  }
}
