import { createHash } from 'node:crypto';
import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';

export const GRANT_PREFIX = 'sigil_rg_';
const DEFAULT_TTL_SECONDS = 900;

const keyOf = (tenantId: string, grant: string): string =>
  `registration-grant:${tenantId}:${createHash('sha256').update(grant).digest('base64url')}`;

/**
 * A one-time permission, made by the management API, to add a passkey to an existing user (a
 * new device, a lost one). Only its digest is stored; it lives in the ephemeral store.
 */
export async function issueRegistrationGrant(
  deps: Pick<CoreDeps, 'storage' | 'ephemeral' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  userId: string,
  ttlSeconds = DEFAULT_TTL_SECONDS,
): Promise<{ grant: string; expiresAt: number }> {
  const user = await deps.storage.users.getById(tenant.id, userId);
  if (!user) throw new DomainError('user_not_found');
  const grant = `${GRANT_PREFIX}${toBase64Url(deps.random.bytes(32))}`;
  const expiresAt = deps.clock.now() + ttlSeconds * 1000;
  await deps.ephemeral.set(keyOf(tenant.id, grant), JSON.stringify({ userId, expiresAt }), ttlSeconds * 1000);
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'registration-grant.issued', subject: `user:${userId}`, detail: { ttlSeconds } });
  return { grant, expiresAt };
}

/** Spends a grant; returns the user it was made for. Unknown, used and foreign grants are refused alike. */
export async function consumeRegistrationGrant(deps: Pick<CoreDeps, 'ephemeral' | 'clock'>, tenant: Tenant, grant: string): Promise<string> {
  if (!grant.startsWith(GRANT_PREFIX) || grant.length > 128) throw new DomainError('registration_not_allowed', { detail: 'malformed registration grant' });
  const raw = await deps.ephemeral.take(keyOf(tenant.id, grant));
  if (raw === null) throw new DomainError('registration_not_allowed', { detail: 'unknown or used registration grant' });
  const { userId, expiresAt } = JSON.parse(raw) as { userId: string; expiresAt: number };
  if (deps.clock.now() >= expiresAt) throw new DomainError('registration_not_allowed', { detail: 'expired registration grant' });
  return userId;
}
