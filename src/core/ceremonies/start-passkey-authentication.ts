import { createHmac } from 'node:crypto';
import { issueChallenge } from '../challenges.ts';
import type { CoreDeps } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername } from '../user.ts';
import { echoExtensions, type CredentialDescriptorJSON, type RequestOptionsJSON } from './passkey-options.ts';
import { stricterUserVerification } from './user-verification.ts';

export interface AuthenticationOptionsRequest {
  /** Absent for a discoverable ("usernameless") login. */
  readonly username?: string;
  readonly userVerification?: unknown;
  readonly extensions?: unknown;
}

export interface AuthenticationStart {
  readonly options: RequestOptionsJSON;
  readonly session: string;
}

/**
 * Options for a passkey login, username-first (allowCredentials lists the user's passkeys) or
 * discoverable (empty list; the user is found by the assertion's userHandle). An unknown or
 * passkey-less username gets stand-in credential ids derived from the name, so the answer does
 * not tell whether the account exists; its ceremony can only fail.
 */
export async function startPasskeyAuthentication(deps: CoreDeps, tenant: Tenant, request: AuthenticationOptionsRequest): Promise<AuthenticationStart> {
  const userVerification = stricterUserVerification(tenant.policies.userVerification, request.userVerification);
  let userId: string | null = null;
  let allowCredentials: CredentialDescriptorJSON[] = [];
  if (request.username !== undefined) {
    const username = normalizeUsername(request.username);
    const found = await deps.storage.credentials.listByUsername(tenant.id, username, 'passkey');
    const passkeys = found && found.user.status === 'active' ? found.credentials.filter((c) => c.status === 'active') : [];
    if (found && passkeys.length > 0) {
      userId = found.user.id;
      allowCredentials = passkeys.map((c) => ({ type: 'public-key', id: toBase64Url(c.credentialId), ...(c.transports.length > 0 ? { transports: c.transports } : {}) }));
    } else {
      allowCredentials = [standInCredential(deps, tenant, username)];
    }
  }
  // An unknown username binds the challenge to a user id no credential can belong to.
  const boundTo = request.username === undefined ? null : (userId ?? 'unknown-user');
  const challenge = await issueChallenge(deps, tenant, { purpose: 'passkey.authentication', userId: boundTo, data: { userVerification } });
  const extensions = echoExtensions(request.extensions);
  return {
    session: challenge.id,
    options: {
      challenge: challenge.challenge,
      timeout: tenant.policies.challengeTtlSeconds * 1000,
      rpId: tenant.rpId,
      allowCredentials,
      userVerification,
      ...(extensions ? { extensions } : {}),
    },
  };
}

function standInCredential(deps: CoreDeps, tenant: Tenant, username: string): CredentialDescriptorJSON {
  const id = createHmac('sha256', deps.settings.enumerationKey).update(`${tenant.id}\u0000${username}`).digest().subarray(0, 32);
  return { type: 'public-key', id: toBase64Url(id), transports: ['hybrid', 'internal'] };
}
