import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { FaceEnrollment } from './face-enrollment.ts';
import type { FaceScan, FaceVerifier } from './face-verifier.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';

/** The tenant's face service and the level a match must reach, as face step-ups use them. */
export interface FaceGate {
  /** Null when the tenant has no face service configured: every face step then fails closed. */
  readonly verifier: FaceVerifier | null;
  /** Lowest 3D-3D match level that passes. */
  readonly minMatchLevel: number;
}

/** What the face service stores a user's face under: unique across tenants sharing one server. */
export function faceRefOf(tenant: Tenant, user: User): string {
  return `sigil-${tenant.id}-${user.id}`;
}

export function requireVerifier(gate: FaceGate): FaceVerifier {
  if (gate.verifier === null) throw new DomainError('face_service_unavailable', { detail: 'no face service is configured for this tenant' });
  return gate.verifier;
}

/**
 * Step-up: the scan must match the user's enrolled face (FaceTec `/match-3d-3d`, which also
 * checks liveness, replay and the audit trail) at the gate's level. No scan is
 * `face_verification_required`; a scan that does not pass is `face_verification_failed`, audited
 * with the service's reasons (never the images).
 */
export async function matchEnrolledFace(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  enrollment: FaceEnrollment,
  gate: FaceGate,
  scan: FaceScan | null,
  operation: string,
): Promise<void> {
  if (scan === null) throw new DomainError('face_verification_required', { detail: `${operation} needs a face scan: the user has a face registered` });
  const result = await requireVerifier(gate).match(enrollment.faceRef, scan, gate.minMatchLevel);
  if (result.passed) return;
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: 'face.verification-failed',
    subject: `user:${enrollment.userId}`,
    outcome: 'failure',
    detail: { operation, reasons: [...result.reasons], matchLevel: result.matchLevel },
  });
  throw new DomainError('face_verification_failed', { detail: `${operation}: ${result.reasons.join(', ')}${result.detail ? ` (${result.detail})` : ''}` });
}
