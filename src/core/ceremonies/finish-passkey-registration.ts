import { recordAudit } from '../audit.ts';
import { consumeChallenge } from '../challenges.ts';
import type { EnrollingDialect, PasskeyCredential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import { verifyRegistration, type RegisteredPasskey } from '../passkeys/verify-registration.ts';
import type { AttestationPreference, Tenant, UserVerificationPolicy } from '../tenant.ts';
import { issueAccessToken, type IssuedToken } from '../tokens/issue-access-token.ts';
import { createUser } from '../users/create-user.ts';
import { passkeyCredentialOf } from './passkey-credential.ts';
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

interface RegistrationState {
  readonly username: string;
  readonly displayName: string;
  readonly newUser: boolean;
  readonly userVerification: UserVerificationPolicy;
  readonly attestation: AttestationPreference;
  readonly algorithms: number[];
}

/**
 * Verifies the authenticator's answer and stores the passkey (and, on sign-up, the user). The
 * challenge is spent first, so a failed attempt cannot be retried with the same options.
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
  const state = challenge.data as unknown as RegistrationState;
  const userId = challenge.userId as string;
  try {
    const passkey = await verifyRegistration(
      response,
      { challenge: challenge.challenge, origins: tenant.origins, rpId: tenant.rpId, userVerification: state.userVerification, algorithms: state.algorithms, attestation: state.attestation },
      { ...deps.passkeys.trust, now: deps.clock.now() },
    );
    // One unit of work: a user is never created without the credential it was created for, even
    // when concurrent registrations race for the credential id or the username.
    const { user, credential, alongside } = await deps.storage.transaction(async (storage) => {
      const tx = { ...deps, storage };
      // §7.1 step 24: a credential id is registered once (checked before a new user is created).
      if (await storage.credentials.getByCredentialId(tenant.id, passkey.credentialId)) {
        throw new DomainError('credential_conflict', { detail: 'credential id already registered' });
      }
      const user = state.newUser
        ? await createUser(tx, ctx, tenant, { id: userId, username: state.username, displayName: state.displayName })
        : await existingUser(tx, tenant, userId);
      const name = enrollment.nameOf === undefined ? passkey.authenticatorDescription : enrollment.nameOf(passkey);
      const credential = passkeyCredentialOf(deps, tenant, user.id, passkey, { enrolledVia: enrollment.enrolledVia, deviceId: null, name });
      await storage.credentials.create(credential);
      await recordAudit(tx, ctx, {
        tenantId: tenant.id,
        action: 'passkey.registered',
        subject: `user:${user.id}`,
        detail: { credentialId: toBase64Url(credential.credentialId), fmt: passkey.attestationFormat, trust: passkey.attestationTrust, aaguid: passkey.aaguid },
      });
      const alongside = (enrollment.alongside === undefined ? undefined : await enrollment.alongside(tx, user, credential)) as T;
      return { user, credential, alongside };
    });
    const token = await issueAccessToken(deps, tenant, { userId: user.id, amr: ['passkey'], credentialId: credential.credentialId });
    return { user, credential, token, alongside };
  } catch (error) {
    const code = error instanceof DomainError ? error.code : 'internal';
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'passkey.registered', subject: `user:${userId}`, outcome: 'failure', detail: { code } });
    throw error;
  }
}

async function existingUser(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, userId: string): Promise<User> {
  const user = await deps.storage.users.getById(tenant.id, userId);
  if (!user) throw new DomainError('user_not_found', { detail: 'the user was deleted during the ceremony' });
  if (user.status !== 'active') throw new DomainError('user_disabled');
  return user;
}
