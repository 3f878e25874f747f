/**
 * Key-share backup, the records: an MPC key the signing network generated for a user (reported
 * by the MPC node after key generation), and the latest backup of the user's share of it, sealed
 * at rest. Any dialect whose clients hold MPC key shares uses these (Duo's wallet does today).
 */

/** An MPC key reported after distributed key generation. */
export interface MpcKey {
  readonly tenantId: string;
  /** Lower-case hex, as the MPC node names it. */
  readonly keyId: string;
  readonly userId: string;
  /** Sigil id of the device-key credential that took part in the key generation. */
  readonly deviceCredentialId: string;
  /** The key-generation session's instance id (lower-case hex). */
  readonly instance: string;
  readonly createdAt: number;
}

/** The latest backup of one key's encrypted keyshare, sealed again at rest. */
export interface KeyshareBackup {
  readonly tenantId: string;
  readonly keyId: string;
  readonly userId: string;
  /** `Sealer.seal` output bound to (tenant, user, key id); never the client's bytes in clear. */
  readonly sealedKeyshare: string;
  readonly createdAt: number;
}
