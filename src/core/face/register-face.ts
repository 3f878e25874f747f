import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError, isDomainError } from '../errors.ts';
import type { FaceEnrollment } from './face-enrollment.ts';
import type { FaceResult, FaceScan, FaceVerifier } from './face-verifier.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { faceRefOf, requireVerifier } from './face-gate.ts';
import type { FaceGate } from './face-gate.ts';

/**
 * Enrolls the user's face (FaceTec `/enrollment-3d`, which checks
 * liveness first). A user has one face; a second registration is `face_already_registered`.
 */
export async function registerFace(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  user: User,
  gate: FaceGate,
  scan: FaceScan,
): Promise<FaceEnrollment> {
  if ((await deps.storage.faces.get(tenant.id, user.id)) !== null) {
    throw new DomainError('face_already_registered', { detail: 'the user has a face registered' });
  }
  const verifier = requireVerifier(gate);
  const faceRef = faceRefOf(tenant, user);
  const result = await enrollOrReclaim(verifier, faceRef, scan, gate.minMatchLevel);
  if (!result.passed) {
    await recordAudit(deps, ctx, {
      tenantId: tenant.id,
      action: 'face.registration-failed',
      subject: `user:${user.id}`,
      outcome: 'failure',
      detail: { reasons: [...result.reasons] },
    });
    throw new DomainError('face_verification_failed', { detail: `face enrollment: ${result.reasons.join(', ')}` });
  }
  const enrollment: FaceEnrollment = { tenantId: tenant.id, userId: user.id, faceRef, registeredAt: deps.clock.now() };
  if (!(await deps.storage.faces.enroll(enrollment))) {
    throw new DomainError('face_already_registered', { detail: 'a concurrent request registered the face first' });
  }
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'face.registered', subject: `user:${user.id}` });
  return enrollment;
}

/**
 * Enrolls; when the face service already holds an enrollment under the reference but Sigil has
 * no record (a crash between the two writes), a passing match of this very scan reclaims it.
 * Anything else stays `face_already_registered`.
 */
async function enrollOrReclaim(verifier: FaceVerifier, faceRef: string, scan: FaceScan, minMatchLevel: number): Promise<FaceResult> {
  try {
    return await verifier.enroll(faceRef, scan);
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'face_already_registered') throw error;
    const match = await verifier.match(faceRef, scan, minMatchLevel);
    if (match.passed) return match;
    throw error;
  }
}
