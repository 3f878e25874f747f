import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyScope } from '../api-key.ts';
import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { OperatorEnrollment } from './operator.ts';

export const ENROLLMENT_PREFIX = 'sigil_oe_';

/** SHA-256 (hex) of a link's secret: what the store keeps and looks up. */
export function enrollmentSecretHash(secret: string): string {
  return createHash('sha256').update(`sigil/operator-enrollment:${secret}`).digest('hex');
}

export interface IssuedEnrollment {
  /** The secret the link carries; shown once, stored only as its digest. */
  readonly secret: string;
  readonly expiresAt: number;
}

/**
 * A one-time link that makes whoever opens it an operator of `tenant`, enrolled with a new
 * passkey. It replaces any earlier link of the tenant.
 */
export async function issueOperatorEnrollment(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  input: { ttlSeconds: number; scopes?: readonly (ApiKeyScope | '*')[] },
): Promise<IssuedEnrollment> {
  const secret = `${ENROLLMENT_PREFIX}${toBase64Url(deps.random.bytes(32))}`;
  const now = deps.clock.now();
  const enrollment: OperatorEnrollment = {
    id: deps.random.uuid(),
    tenantId: tenant.id,
    secretHash: enrollmentSecretHash(secret),
    scopes: [...(input.scopes ?? ['*'])],
    createdAt: now,
    expiresAt: now + input.ttlSeconds * 1000,
  };
  await deps.storage.transaction(async (storage) => {
    await storage.operatorEnrollments.replace(enrollment);
    await recordAudit({ ...deps, storage }, ctx, { tenantId: tenant.id, action: 'operator.enrollment-link-issued', subject: `operator-enrollment:${enrollment.id}`, detail: { ttlSeconds: input.ttlSeconds, scopes: enrollment.scopes } });
  });
  return { secret, expiresAt: enrollment.expiresAt };
}

/** The live link with this secret; unknown, used, foreign and expired links are refused alike. */
export async function findLiveEnrollment(deps: Pick<CoreDeps, 'storage' | 'clock'>, tenant: Tenant, secret: string): Promise<OperatorEnrollment> {
  if (!secret.startsWith(ENROLLMENT_PREFIX) || secret.length > 128) throw new DomainError('unauthorized', { detail: 'malformed enrollment link' });
  const hash = enrollmentSecretHash(secret);
  const found = await deps.storage.operatorEnrollments.find(tenant.id, hash);
  // The lookup is by digest; the constant-time comparison keeps the check honest if it ever is not.
  if (!found || !timingSafeEqual(Buffer.from(found.secretHash, 'hex'), Buffer.from(hash, 'hex'))) throw new DomainError('unauthorized', { detail: 'unknown or used enrollment link' });
  if (deps.clock.now() >= found.expiresAt) throw new DomainError('unauthorized', { detail: 'expired enrollment link' });
  return found;
}

/**
 * Issues the first link of a database that has never had one: no operator and no link in the
 * default tenant. Returns null when an operator or a link exists (renew it from the CLI).
 */
export async function issueFirstEnrollment(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  ttlSeconds: number,
): Promise<IssuedEnrollment | null> {
  if ((await deps.storage.operators.list(tenant.id)).length > 0) return null;
  if (await deps.storage.operatorEnrollments.exists(tenant.id)) return null;
  return issueOperatorEnrollment(deps, ctx, tenant, { ttlSeconds });
}
