/**
 * What the Duo auth service remembers beyond Sigil's users and device-key credentials: which MPC
 * keys the MPC node generated for which user, their sealed keyshare backups, face enrollment,
 * the users that registered, and the signing sessions the MPC node asked about.
 */

/** A user's explicit `POST /auth/users/register`; other routes do not require it. */
export interface DuoUserRegistration {
  readonly tenantId: string;
  readonly userId: string;
  readonly registeredAt: number;
}

/** A face enrolled with the tenant's face service under `faceRef`. */
export interface DuoFaceEnrollment {
  readonly tenantId: string;
  readonly userId: string;
  /** The reference the face service stores the face under (FaceTec `externalDatabaseRefID`). */
  readonly faceRef: string;
  readonly registeredAt: number;
}

/** An MPC key the MPC node reported after DKG (key-id notification hook). */
export interface DuoKey {
  readonly tenantId: string;
  /** Lower-case hex, as the MPC node names it. */
  readonly keyId: string;
  readonly userId: string;
  /** Sigil id of the device-key credential that ran the DKG. */
  readonly deviceCredentialId: string;
  /** The DKG session's instance id (lower-case hex). */
  readonly instance: string;
  readonly createdAt: number;
}

/** The latest backup of one key's encrypted keyshare, sealed again at rest. */
export interface DuoKeyshareBackup {
  readonly tenantId: string;
  readonly keyId: string;
  readonly userId: string;
  /** `Sealer.seal` output bound to (tenant, user, key id); never the client's bytes in clear. */
  readonly sealedKeyshare: string;
  readonly createdAt: number;
}

export type DuoTransactionStatus = 'approved' | 'rejected';

/** One DSG setup validation the MPC node asked for: a signing session with a user's key. */
export interface DuoTransaction {
  readonly tenantId: string;
  readonly id: string;
  readonly userId: string;
  readonly keyId: string;
  /** The requesting device's verifying key, hex X9.63. */
  readonly deviceKey: string;
  readonly instance: string;
  readonly status: DuoTransactionStatus;
  readonly createdAt: number;
}
