/** Face step-up, the record and its storage port: one enrolled face per user of a tenant. */

/** A face enrolled with the tenant's face service under `faceRef`. */
export interface FaceEnrollment {
  readonly tenantId: string;
  readonly userId: string;
  /** The reference the face service stores the face under (FaceTec `externalDatabaseRefID`). */
  readonly faceRef: string;
  readonly registeredAt: number;
}

export interface FaceEnrollmentRepository {
  /** Records the enrollment unless the user has one; true when this call created it. */
  enroll(enrollment: FaceEnrollment): Promise<boolean>;
  get(tenantId: string, userId: string): Promise<FaceEnrollment | null>;
}
