/**
 * The face-verification port: what the core needs from a 3D face liveness and matching service
 * (FaceTec Server behind `src/face/facetec-adapter.ts`, or any other). The core decides when a
 * face step-up is required and what to do with the verdict; the service only judges scans.
 */

/**
 * What a device's face SDK captured, passed through unread. The three images are base64 blobs of
 * the SDK; they must never be logged or stored — log a `FaceResult` instead.
 */
export interface FaceScan {
  readonly faceScan: string;
  readonly auditTrailImage: string;
  readonly lowQualityAuditTrailImage: string;
  /** The SDK's user-agent string for this session; the service checks it. */
  readonly userAgent: string;
}

/** Why a scan did not pass. Several may apply at once. */
export type FaceFailureReason =
  /** The service could not process the scan (bad capture, unreadable data). */
  | 'not_processed'
  /** The service processed it and said no without a more precise reason. */
  | 'unsuccessful'
  | 'liveness_failed'
  | 'audit_trail_mismatch'
  | 'replay_detected'
  | 'session_token_invalid'
  /** A match was computed below the caller's minimum level. */
  | 'match_too_low'
  /** The service refused the request itself (`error: true`), e.g. no enrollment to match against. */
  | 'request_refused';

export interface FaceResult {
  /** True only when the scan passed every check the operation requires. */
  readonly passed: boolean;
  /** Empty exactly when `passed`. */
  readonly reasons: readonly FaceFailureReason[];
  /** The match level the service reported (match only), else null. */
  readonly matchLevel: number | null;
  /** Opaque blob some device SDKs need back to finish their UI flow; never an image. */
  readonly scanResultBlob: string | null;
  /** Internal explanation for the log (the service's error message); never sent to a client. */
  readonly detail?: string;
}

/**
 * Implementations return a FaceResult for every verdict on a scan, and throw a DomainError only
 * for what is not a verdict: `face_already_registered` when `enroll` finds an enrollment for the
 * reference, `face_service_unavailable` when the service cannot be reached or answers nonsense,
 * `invalid_request` for arguments the caller should not have passed.
 */
export interface FaceVerifier {
  /** Checks liveness and stores the face under `ref` (Sigil's user id). */
  enroll(ref: string, scan: FaceScan): Promise<FaceResult>;
  /** Checks liveness and matches the scan against the face enrolled under `ref`. */
  match(ref: string, scan: FaceScan, minMatchLevel: number): Promise<FaceResult>;
  /** Checks liveness only. */
  liveness(scan: FaceScan): Promise<FaceResult>;
}
