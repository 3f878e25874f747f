import { DEFAULT_TENANT_SLUG, type Tenant } from '../../core/tenant.ts';

/**
 * The link an operator opens. The secret travels in the fragment, which browsers never send to
 * a server nor put in a Referer, so it stays out of access logs; the console page reads it.
 */
export function enrollmentUrl(publicUrl: string, tenant: Tenant, secret: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  const query = tenant.slug === DEFAULT_TENANT_SLUG ? '' : `?tenant=${encodeURIComponent(tenant.slug)}`;
  return `${base}/console/${query}#enroll=${secret}`;
}
