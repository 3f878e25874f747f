import type { FaceFailureReason, FaceResult } from '../core/face/face-verifier.ts';

/**
 * Turns a FaceTec Server answer into a verdict. A scan passes only when `success` and
 * `wasProcessed` are true, every `faceScanSecurityChecks` flag is true and, for a match,
 * `matchLevel` reaches the caller's minimum. Each flag must be literally `true`: a missing or
 * renamed field fails closed.
 */
const SECURITY_CHECKS: readonly (readonly [string, FaceFailureReason])[] = [
  ['faceScanLivenessCheckSucceeded', 'liveness_failed'],
  ['auditTrailVerificationCheckSucceeded', 'audit_trail_mismatch'],
  ['replayCheckSucceeded', 'replay_detected'],
  ['sessionTokenCheckSucceeded', 'session_token_invalid'],
];

const DUPLICATE_ENROLLMENT = /enrollment already exists for this externalDatabaseRefID/i;

export type FaceTecVerdictRule = { readonly kind: 'liveness' | 'enroll' } | { readonly kind: 'match'; readonly minMatchLevel: number };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The server's own message, shortened for a log line. */
export function errorMessageOf(body: unknown): string {
  const message = isRecord(body) && typeof body['errorMessage'] === 'string' ? body['errorMessage'] : '(no errorMessage)';
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/** FaceTec answers a second enrollment of one reference with this error (HTTP 200, some versions 400). */
export function isDuplicateEnrollment(body: unknown): boolean {
  return isRecord(body) && body['error'] === true && DUPLICATE_ENROLLMENT.test(errorMessageOf(body));
}

/** `body` must be a JSON object; the caller has dealt with duplicate enrollments. */
export function judgeFaceTecResponse(body: Record<string, unknown>, rule: FaceTecVerdictRule): FaceResult {
  const scanResultBlob = typeof body['scanResultBlob'] === 'string' ? body['scanResultBlob'] : null;
  if (body['error'] === true) {
    return { passed: false, reasons: ['request_refused'], matchLevel: null, scanResultBlob, detail: errorMessageOf(body) };
  }
  const reasons: FaceFailureReason[] = [];
  if (body['wasProcessed'] !== true) reasons.push('not_processed');
  const checks = isRecord(body['faceScanSecurityChecks']) ? body['faceScanSecurityChecks'] : {};
  for (const [flag, reason] of SECURITY_CHECKS) if (checks[flag] !== true) reasons.push(reason);
  if (body['success'] !== true && reasons.length === 0) reasons.push('unsuccessful');
  const level = body['matchLevel'];
  const matchLevel = rule.kind === 'match' && typeof level === 'number' && Number.isInteger(level) ? level : null;
  if (rule.kind === 'match' && (matchLevel === null || matchLevel < rule.minMatchLevel)) reasons.push('match_too_low');
  return { passed: reasons.length === 0, reasons, matchLevel, scanResultBlob };
}
