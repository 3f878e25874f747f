/**
 * SwapBits biometry wire format (seed 004): `{code, message, data}` on success, `{code, message,
 * details?}` on failure, NestJS' `{statusCode: 401, message: "Unauthorized"}` without a valid
 * bearer token. Codes 1024 and 1025 (device list and revocation) are Sigil's: SwapBits
 * documents no such routes.
 */
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const deviceId = { type: 'string', pattern: UUID } as const;

export const REGISTER_BODY = {
  type: 'object',
  required: ['deviceId', 'deviceName', 'platform', 'publicKey', 'algorithm'],
  properties: {
    deviceId,
    deviceName: text(128),
    platform: { type: 'string', enum: ['iOS', 'Android'] },
    publicKey: text(4096),
    algorithm: { type: 'string', const: 'P-256' },
  },
} as const;

export const CHALLENGE_QUERY = {
  type: 'object',
  required: ['deviceId'],
  properties: { deviceId },
} as const;

export const DEVICE_PARAMS = {
  type: 'object',
  required: ['deviceId'],
  properties: { deviceId },
} as const;

export const VERIFICATION_TYPES = ['SESSION', 'PIX_PAYMENT', 'BIOMETRY', 'WITHDRAWAL', 'CARD_VIEW'] as const;

/** The BIOMETRY fields are required only for that type; the PIN types are answered by the route. */
export const PIN_VERIFY_BODY = {
  type: 'object',
  required: ['verificationType'],
  properties: {
    verificationType: { type: 'string', enum: VERIFICATION_TYPES },
    deviceId,
    challengeId: text(128),
    challenge: text(128),
    signature: text(512),
    algorithm: { type: 'string', const: 'P-256' },
    wssReauthId: { type: 'string', maxLength: 256 },
  },
  if: { properties: { verificationType: { const: 'BIOMETRY' } } },
  then: { required: ['deviceId', 'challengeId', 'challenge', 'signature', 'algorithm'] },
} as const;

export const ALL_FIELDS_REQUIRED = 'All fields are required and algorithm must be P-256';
export const DEVICE_ID_REQUIRED = 'deviceId parameter is required';
export const PIN_NOT_CONFIGURED = 'PIN not configured for this user';

export type Platform = 'iOS' | 'Android';

export interface RegisterBody {
  readonly deviceId: string;
  readonly deviceName: string;
  readonly platform: Platform;
  readonly publicKey: string;
  readonly algorithm: 'P-256';
}

export interface PinVerifyBody {
  readonly verificationType: (typeof VERIFICATION_TYPES)[number];
  readonly deviceId?: string;
  readonly challengeId?: string;
  readonly challenge?: string;
  readonly signature?: string;
  readonly algorithm?: 'P-256';
  readonly wssReauthId?: string;
}

export interface Envelope<T> {
  readonly code: number;
  readonly message: string;
  readonly data: T;
}

export interface DeviceView {
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly platform: Platform;
  readonly algorithm: 'P-256' | 'Ed25519';
  readonly status: 'active' | 'revoked';
  readonly registeredAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export const CODES = {
  verified: [1016, 'PIN verified successfully.'],
  registered: [1021, 'Biometric device registered successfully.'],
  challenge: [1023, 'Biometric challenge generated successfully.'],
  devices: [1024, 'Biometric devices retrieved successfully.'],
  revoked: [1025, 'Biometric device revoked successfully.'],
} as const satisfies Record<string, readonly [number, string]>;
