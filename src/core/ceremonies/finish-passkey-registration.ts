import { recordAudit } from '../audit.ts';
import { consumeChallenge } from '../challenges.ts';
import type { EnrollingDialect, PasskeyCredential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { RegisteredPasskey } from '../passkeys/verify-registration.ts';
import type { Tenant } from '../tenant.ts';
import { issueAccessToken, type IssuedToken } from '../tokens/issue-access-token.ts';
import { passkeyCredentialOf } from './passkey-credential.ts';
import { storeRegisteredPasskey } from './store-registered-passkey.ts';
import { verifyRegistrationAnswer } from './verify-registration-answer.ts';
import type { User } from '../user.ts';

export interface RegistrationFinish<T = undefined> {
  readonly user: User;
  readonly credential: PasskeyCredential;
  readonly token: IssuedToken;
  /** What the enrollment's `alongside` step returned. */
  readonly alongside: T;
}

/**
 * How a dialect enrolls the passkey (default: the native API's, named after the authenticator).
 * `alongside` writes what the dialect records with the passkey (LoginID: the client's device)
 * in the same unit of work, so the passkey and its records are stored together or not at all.
 */
export interface PasskeyEnrollment<T> {
  readonly enrolledVia: EnrollingDialect;
  readonly nameOf?: (passkey: RegisteredPasskey) => string | null;
  readonly alongside?: (deps: CoreDeps, user: User, credential: PasskeyCredential) => Promise<T>;
}

/**
 * Verifies the authenticator's answer (`verifyRegistrationAnswer`) and stores the passkey (and,
 * on sign-up, the user) with what the enrollment records alongside, in one unit of work
 * (`storeRegisteredPasskey`). The challenge is spent first, so a failed attempt cannot be
 * retried with the same options.
 */
export async function finishPasskeyRegistration<T = undefined>(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  session: string,
  response: unknown,
  enrollment: PasskeyEnrollment<T> = { enrolledVia: 'native' },
): Promise<RegistrationFinish<T>> {
  const challenge = await consumeChallenge(deps, tenant.id, session, 'passkey.registration');
  const userId = challenge.userId as string;
  try {
    const { state, passkey } = await verifyRegistrationAnswer(deps, tenant, challenge, response);
    const name = enrollment.nameOf === undefined ? passkey.authenticatorDescription : enrollment.nameOf(passkey);
    const credential = passkeyCredentialOf(deps, tenant, userId, passkey, { enrolledVia: enrollment.enrolledVia, deviceId: null, name });
    const newUser = state.newUser ? { username: state.username, displayName: state.displayName } : null;
    // One unit of work: a user is never created without the credential it was created for, even
    // when concurrent registrations race for the credential id or the username.
    const { user, alongside } = await deps.storage.transaction(async (storage) => {
      const tx = { ...deps, storage };
      const user = await storeRegisteredPasskey(tx, ctx, tenant, credential, newUser);
      const alongside = (enrollment.alongside === undefined ? undefined : await enrollment.alongside(tx, user, credential)) as T;
      return { user, alongside };
    });
    const token = await issueAccessToken(deps, tenant, { userId: user.id, amr: ['passkey'], credentialId: credential.credentialId });
    return { user, credential, token, alongside };
  } catch (error) {
    const code = error instanceof DomainError ? error.code : 'internal';
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'passkey.registered', subject: `user:${userId}`, outcome: 'failure', detail: { code } });
    throw error;
  }
}
