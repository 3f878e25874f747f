import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { canonicalAaguid, type AaguidRule } from './aaguid-rule.ts';

type Deps = Pick<CoreDeps, 'storage' | 'clock' | 'random'>;

/** An AAGUID as sent, in canonical form; anything else is `invalid_request`. */
export function aaguidOrRefuse(value: string): string {
  const canonical = canonicalAaguid(value);
  if (canonical === null) throw new DomainError('invalid_request', { detail: 'not an AAGUID' });
  return canonical;
}

/** Adds or replaces rules, all or none, and audits which AAGUIDs changed (one unit of work, as for removals). */
export async function putAaguidRules(deps: Deps, ctx: RequestContext, tenant: Tenant, rules: readonly AaguidRule[]): Promise<void> {
  const canonical = rules.map((r) => ({ ...r, aaguid: aaguidOrRefuse(r.aaguid) }));
  await deps.storage.transaction(async (storage) => {
    await storage.aaguidRules.putAll(tenant.id, canonical);
    await recordAudit({ ...deps, storage }, ctx, { tenantId: tenant.id, action: 'aaguid-rules.updated', detail: { aaguids: canonical.map((r) => r.aaguid) } });
  });
}

export async function removeAaguidRules(deps: Deps, ctx: RequestContext, tenant: Tenant, aaguids: readonly string[]): Promise<void> {
  const canonical = aaguids.map(aaguidOrRefuse);
  await deps.storage.transaction(async (storage) => {
    const count = await storage.aaguidRules.remove(tenant.id, canonical);
    await recordAudit({ ...deps, storage }, ctx, { tenantId: tenant.id, action: 'aaguid-rules.removed', detail: { aaguids: canonical, count } });
  });
}

export async function clearAaguidRules(deps: Deps, ctx: RequestContext, tenant: Tenant): Promise<void> {
  await deps.storage.transaction(async (storage) => {
    const count = await storage.aaguidRules.clear(tenant.id);
    await recordAudit({ ...deps, storage }, ctx, { tenantId: tenant.id, action: 'aaguid-rules.cleared', detail: { count } });
  });
}
