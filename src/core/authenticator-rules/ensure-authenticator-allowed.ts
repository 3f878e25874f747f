import type { CoreDeps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { canonicalAaguid } from './aaguid-rule.ts';

export type RuledCeremony = 'registration' | 'authentication';

/**
 * Refuses an authenticator model the tenant has ruled out for this ceremony. A credential of
 * unknown model (no AAGUID, or the all-zero one) is judged by the rule for the all-zero AAGUID.
 */
export async function ensureAuthenticatorAllowed(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, aaguid: string | null, ceremony: RuledCeremony): Promise<void> {
  const canonical = canonicalAaguid(aaguid ?? '') ?? '00000000-0000-0000-0000-000000000000';
  const rule = await deps.storage.aaguidRules.get(tenant.id, canonical);
  if (rule === null) return;
  const blocked = ceremony === 'registration' ? rule.blockRegistration : rule.blockAuthentication;
  if (blocked) throw new DomainError('authenticator_not_allowed', { detail: `AAGUID ${canonical} is blocked for ${ceremony}` });
}
