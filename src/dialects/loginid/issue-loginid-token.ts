import type { CoreDeps } from '../../core/deps.ts';
import type { Tenant } from '../../core/tenant.ts';
import { issueAccessToken, type AuthMethod, type IssuedToken } from '../../core/tokens/issue-access-token.ts';
import type { User } from '../../core/user.ts';
import type { LoginIdScope } from './wire.ts';

/** What a signed-in LoginID user may do with their session token: manage passkeys, add one, request a code. */
export const SESSION_SCOPES: readonly LoginIdScope[] = ['passkey:read', 'passkey:write', 'reg:write', 'auth:write'];

/** A LoginID `jwtAccess`: Sigil's ES256 access token with `scope` and `username`, which the web SDK reads. */
export function issueLoginIdToken(
  core: CoreDeps,
  tenant: Tenant,
  user: User,
  grant: { scopes: readonly LoginIdScope[]; amr: readonly AuthMethod[]; credentialId?: Uint8Array; transaction?: { id: string; payloadHash: string } },
): Promise<IssuedToken> {
  return issueAccessToken(core, tenant, {
    userId: user.id,
    username: user.username,
    scopes: grant.scopes,
    amr: grant.amr,
    ...(grant.credentialId ? { credentialId: grant.credentialId } : {}),
    ...(grant.transaction ? { transaction: grant.transaction } : {}),
  });
}
