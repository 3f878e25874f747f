export type CredentialKind = 'passkey' | 'device_key';
export type CredentialStatus = 'active' | 'revoked';

/**
 * How far an attestation was trusted at registration: no attestation, self attestation, a
 * chain to a configured or metadata root, or a statement that verified but chains nowhere.
 */
export type AttestationTrust = 'none' | 'self' | 'trusted' | 'untrusted';

export interface Credential {
  /** Sigil's own identifier for the record. */
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly kind: CredentialKind;
  /**
   * The identifier presented on the wire: the WebAuthn credential id for passkeys, the
   * SHA-256 of the public key (SPKI DER) for device keys. Unique within a tenant.
   */
  readonly credentialId: Uint8Array;
  /** COSE_Key for passkeys, SPKI DER for device keys. */
  readonly publicKey: Uint8Array;
  /** COSE algorithm identifier (-7 ES256, -8 EdDSA, -257 RS256, …). */
  readonly algorithm: number;
  readonly signCount: number;
  readonly aaguid: string | null;
  readonly transports: readonly string[];
  readonly attestationFormat: string | null;
  readonly attestationTrust: AttestationTrust | null;
  readonly backupEligible: boolean;
  readonly backupState: boolean;
  readonly userVerified: boolean;
  /** Device identifier chosen by the client (device keys). */
  readonly deviceId: string | null;
  readonly name: string | null;
  readonly platform: string | null;
  readonly status: CredentialStatus;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

/** What a successful use of a credential changes; applied by compare-and-set on signCount. */
export interface CredentialUsePatch {
  readonly signCount: number;
  readonly backupEligible: boolean;
  readonly backupState: boolean;
  readonly lastUsedAt: number;
}
