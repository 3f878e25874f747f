/**
 * BioKey Server wire format (seed 000; v0.1.0 plus the proof fields of its hardened release).
 * Every body is JSON; every error is `{"error": string, "detail"?: string}`.
 */

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const optional = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/** Fields that prove possession: an Ed25519 signature, or a WebAuthn assertion / attestation. */
const PROOF_PROPERTIES = {
  challenge: optional(128),
  signature: optional(1024),
  authenticatorData: optional(4096),
  clientDataJSON: optional(4096),
} as const;

export const ENROLL_BODY = {
  type: 'object',
  required: ['userId', 'publicKey', 'deviceId'],
  properties: {
    userId: text(256),
    // Its format is checked after the schema, to answer "Invalid publicKey format" as BioKey does.
    publicKey: text(4096),
    deviceId: text(128),
    method: optional(64),
    attestationObject: optional(65_536),
    ...PROOF_PROPERTIES,
  },
} as const;

export const VERIFY_BODY = {
  type: 'object',
  required: ['userId', 'challenge'],
  properties: { userId: text(256), ...PROOF_PROPERTIES, challenge: text(128) },
} as const;

export const CHALLENGE_PARAMS = {
  type: 'object',
  required: ['userId'],
  properties: { userId: text(256) },
} as const;

export const ENROLL_MISSING = 'Missing required fields: userId, publicKey, deviceId';
export const VERIFY_MISSING = 'Missing required fields: userId, challenge';
export const VERIFY_MISSING_PROOF = 'Missing required fields: userId, challenge, signature';

export interface ProofFields {
  readonly challenge?: string;
  readonly signature?: string;
  readonly authenticatorData?: string;
  readonly clientDataJSON?: string;
}

export interface EnrollBody extends ProofFields {
  readonly userId: string;
  readonly publicKey: string;
  readonly deviceId: string;
  readonly method?: string;
  readonly attestationObject?: string;
}

export interface VerifyBody extends ProofFields {
  readonly userId: string;
  readonly challenge: string;
}

export interface EnrollResponse {
  readonly ok: true;
  readonly userId: string;
  readonly publicKey: string;
  readonly method: string;
}

export interface VerifyResponse {
  readonly verified: true;
  readonly publicKey: string;
  readonly userId: string;
  readonly method: string;
  /** Sigil extension, absent in legacy mode: an access token for the proven user. */
  readonly accessToken?: string;
  /** Sigil extension: when the access token expires (ISO 8601). */
  readonly expiresAt?: string;
}

export const SERVER_INFO = { name: 'biokey-server', version: '0.1.0' } as const;
