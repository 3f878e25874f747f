import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { AccessTokenClaims } from './issue-access-token.ts';

/** Revokes a verified token until it would have expired anyway. */
export async function revokeAccessToken(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  claims: AccessTokenClaims,
): Promise<void> {
  await deps.storage.revokedTokens.revoke(tenant.id, claims.jti, claims.exp * 1000);
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'token.revoked', subject: `user:${claims.sub}`, detail: { jti: claims.jti } });
}
