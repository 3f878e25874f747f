import type { FaceVerifier } from '../core/face/face-verifier.ts';
import type { Tenant } from '../core/tenant.ts';
import { FaceTecAdapter } from './facetec-adapter.ts';

/** The face service of each tenant, built from its FaceTec settings. */
export interface FaceVerifiers {
  /** Null when the tenant has no FaceTec Server configured. */
  forTenant(tenant: Tenant): FaceVerifier | null;
}

export interface FaceVerifiersOptions {
  /** Deadline of one FaceTec call (see FaceTecAdapter); its default when absent. */
  readonly timeoutMs?: number;
  /** For tests that need another transport. */
  readonly fetch?: typeof fetch;
}

/**
 * One FaceTec adapter per (URL, device key), made on first use: tenants reloaded with new
 * settings get a new adapter, tenants sharing a server share one.
 */
export function createFaceVerifiers(options: FaceVerifiersOptions = {}): FaceVerifiers {
  const adapters = new Map<string, FaceTecAdapter>();
  return {
    forTenant(tenant) {
      const settings = tenant.integrations.faceTec;
      if (settings === null) return null;
      const cacheKey = JSON.stringify([settings.url, settings.deviceKey]);
      let adapter = adapters.get(cacheKey);
      if (adapter === undefined) {
        adapter = new FaceTecAdapter({ baseUrl: settings.url, deviceKey: settings.deviceKey, ...options });
        adapters.set(cacheKey, adapter);
      }
      return adapter;
    },
  };
}
