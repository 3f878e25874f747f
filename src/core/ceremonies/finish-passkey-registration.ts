import { recordAudit } from '../audit.ts';
import { consumeChallenge } from '../challenges.ts';
import type { Credential } from '../credential.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { issueAccessToken, type IssuedToken } from '../tokens/issue-access-token.ts';
import type { User } from '../user.ts';
import { passkeyCredentialOf, type PasskeyPlacement } from './passkey-credential.ts';
import { storeRegisteredPasskey } from './store-registered-passkey.ts';
import { verifyRegistrationAnswer } from './verify-registration-answer.ts';

export interface RegistrationFinish {
  readonly user: User;
  readonly credential: Credential;
  readonly token: IssuedToken;
}

/**
 * Verifies the authenticator's answer and stores the passkey (and, on sign-up, the user) in one
 * unit of work. The challenge is spent first, so a failed attempt cannot be retried with the
 * same options. `placement` says which dialect enrolls it (native, named after the authenticator,
 * unless given).
 */
export async function finishPasskeyRegistration(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  session: string,
  response: unknown,
  placement?: PasskeyPlacement,
): Promise<RegistrationFinish> {
  const challenge = await consumeChallenge(deps, tenant.id, session, 'passkey.registration');
  const userId = challenge.userId as string;
  try {
    const { state, passkey } = await verifyRegistrationAnswer(deps, tenant, challenge, response);
    const credential = passkeyCredentialOf(deps, tenant, userId, passkey, placement ?? { enrolledVia: 'native', deviceId: null, name: passkey.authenticatorDescription });
    const newUser = state.newUser ? { username: state.username, displayName: state.displayName } : null;
    const user = await deps.storage.transaction((storage) => storeRegisteredPasskey({ ...deps, storage }, ctx, tenant, credential, newUser));
    const token = await issueAccessToken(deps, tenant, { userId: user.id, amr: ['passkey'], credentialId: credential.credentialId });
    return { user, credential, token };
  } catch (error) {
    const code = error instanceof DomainError ? error.code : 'internal';
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'passkey.registered', subject: `user:${userId}`, outcome: 'failure', detail: { code } });
    throw error;
  }
}
