import type { DeviceKeyAlgorithm } from '../crypto/device-keys/index.ts';

export type CredentialKind = Credential['kind'];
export type CredentialStatus = 'active' | 'revoked';

/**
 * How far an attestation was trusted at registration: no attestation, self attestation, a
 * chain to a configured or metadata root, or a statement that verified but chains nowhere.
 */
export type AttestationTrust = 'none' | 'self' | 'trusted' | 'untrusted';

/** The dialect (API) a credential was enrolled through, by its registry name. */
export type EnrollingDialect = 'native' | 'biokey' | 'swapbits' | 'duo' | 'loginid';

/** What every kind of credential has. */
interface CredentialRecord {
  /** Sigil's own identifier for the record. */
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  /** Unique within a tenant; what each kind puts here is said on the kind. */
  readonly credentialId: Uint8Array;
  /** A label: the authenticator's description, the device's name, BioKey's `method`. */
  readonly name: string | null;
  readonly status: CredentialStatus;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

/** A WebAuthn credential (L3 §7.1 step 27's record); `credentialId` is the WebAuthn credential id. */
export interface PasskeyCredential extends CredentialRecord {
  readonly kind: 'passkey';
  readonly enrolledVia: EnrollingDialect;
  /** COSE_Key. */
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
  /** The device it was enrolled beside (BioKey's hardened enrollment); null otherwise. */
  readonly deviceId: string | null;
}

/** The operating systems SwapBits' app reports for a device. */
export type MobilePlatform = 'iOS' | 'Android';

/** `credentialId` is the SHA-256 of `publicKey`. */
interface DeviceKeyRecord extends CredentialRecord {
  readonly kind: 'device_key';
  /** SPKI DER, canonical. */
  readonly publicKey: Uint8Array;
  readonly algorithm: DeviceKeyAlgorithm;
  /** The device identifier the client chose (Duo: the key's own hex). */
  readonly deviceId: string;
}

/** Where a device key was enrolled, with what that dialect says of the device. */
export type DeviceKeyOrigin =
  | { readonly enrolledVia: 'swapbits'; readonly platform: MobilePlatform }
  | { readonly enrolledVia: 'biokey' }
  | { readonly enrolledVia: 'duo' };

/** A device-bound key (Secure Enclave, Android Keystore) that signs challenges; no counter. */
export type DeviceKeyCredential = DeviceKeyRecord & DeviceKeyOrigin;

/**
 * INSECURE, kept only under a tenant's explicit legacy switch: the 64-character identity value a
 * BioKey v0.1.0 client enrolled as its "publicKey". Not a key and possibly a secret (a PRF
 * output), so it is kept sealed and never offered to a verifier. `credentialId` is random, so
 * the tenant's credential ids stay unique.
 */
export interface LegacyBioKeyIdentity extends CredentialRecord {
  readonly kind: 'legacy_identity';
  readonly enrolledVia: 'biokey';
  readonly deviceId: string;
  /** The value, sealed to this record (`legacyValueContext`). */
  readonly sealedValue: string;
}

export type Credential = PasskeyCredential | DeviceKeyCredential | LegacyBioKeyIdentity;

/** The credentials of one kind. */
export type CredentialOf<K extends CredentialKind> = Extract<Credential, { readonly kind: K }>;

/** Whether a credential is a device key enrolled through `dialect`. */
export function isDeviceKeyOf<D extends DeviceKeyOrigin['enrolledVia']>(credential: Credential, dialect: D): credential is DeviceKeyCredential & { readonly enrolledVia: D } {
  return credential.kind === 'device_key' && credential.enrolledVia === dialect;
}

/** What a successful use of a passkey changes; applied by compare-and-set on signCount. */
export interface CredentialUsePatch {
  readonly signCount: number;
  readonly backupEligible: boolean;
  readonly backupState: boolean;
  readonly lastUsedAt: number;
}
