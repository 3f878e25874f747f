import { DEFAULT_TENANT_SLUG, type Tenant } from '../tenant.ts';
import type { CoreSettings } from '../deps.ts';

/** `iss` of a tenant's tokens: the public URL, plus `/t/<slug>` for tenants other than the default. */
export function issuerOf(settings: CoreSettings, tenant: Tenant): string {
  const base = settings.publicUrl.replace(/\/+$/, '');
  return tenant.slug === DEFAULT_TENANT_SLUG ? base : `${base}/t/${tenant.slug}`;
}

/** `aud` of a tenant's tokens: its RP ID, the name the relying party already knows itself by. */
export function audienceOf(tenant: Tenant): string {
  return tenant.rpId;
}
