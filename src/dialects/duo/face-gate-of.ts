import type { FaceGate } from '../../core/face/face-gate.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { Services } from '../../services.ts';

/** The tenant's FaceTec Server and its match threshold (FACETEC_* for the default tenant). */
export function faceGateOf(services: Services, tenant: Tenant): FaceGate {
  return {
    verifier: services.faceVerifiers.forTenant(tenant),
    minMatchLevel: tenant.integrations.faceTec?.minMatchLevel ?? 15,
  };
}
