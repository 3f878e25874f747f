/**
 * The Duo auth service's wire: JSON schemas of requests (snake_case, as the vendor's SDK sends
 * them) and the types of requests and responses. Unknown body fields are ignored, as a client
 * of the vendor may send more than the documented ones.
 */

/** FaceTec SDK output is large: the face routes take bodies up to this size. */
export const FACE_BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** A backup may carry several keyshares. */
export const BACKUP_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
export const MAX_KEYSHARES = 50;
export const MAX_KEYSHARE_LENGTH = 65_536;

const HEX = { type: 'string', minLength: 2, maxLength: 256, pattern: '^(?:[0-9a-fA-F]{2})+$' } as const;
/** Checked by the core (so a bad key gets the device-key error, not a generic one). */
const DEVICE_KEY_TEXT = { type: 'string', maxLength: 512 } as const;
const FACE_BLOB = { type: 'string', minLength: 1, maxLength: FACE_BODY_LIMIT_BYTES } as const;
const FACE_FIELDS = {
  face_scan: FACE_BLOB,
  audit_trail_image: FACE_BLOB,
  low_quality_audit_trail_image: FACE_BLOB,
  user_agent: { type: 'string', minLength: 1, maxLength: 2048 },
} as const;
const FACE_REQUIRED = ['face_scan', 'audit_trail_image', 'low_quality_audit_trail_image', 'user_agent'] as const;

export interface FaceFields {
  readonly face_scan?: string;
  readonly audit_trail_image?: string;
  readonly low_quality_audit_trail_image?: string;
  readonly user_agent?: string;
}

/**
 * `/auth/devices/challenge/:device_verifying_key` is routed as a wildcard: the key is 130 hex
 * digits, past the router's 100-character limit on a named parameter.
 */
export const deviceChallengeParams = {
  type: 'object',
  required: ['*'],
  properties: { '*': DEVICE_KEY_TEXT },
} as const;
export interface DeviceChallengeParams {
  readonly '*': string;
}

export const registerDeviceBody = {
  type: 'object',
  required: ['device_id', 'signature'],
  properties: { device_id: DEVICE_KEY_TEXT, signature: { type: 'string', maxLength: 1024 }, device_name: { type: 'string', minLength: 1, maxLength: 128 }, ...FACE_FIELDS },
} as const;
export interface RegisterDeviceBody extends FaceFields {
  readonly device_id: string;
  readonly signature: string;
  readonly device_name?: string;
}

export const faceBody = { type: 'object', required: FACE_REQUIRED, properties: FACE_FIELDS } as const;
export type FaceBody = Required<FaceFields>;

export const backupBody = {
  type: 'object',
  required: ['keyshares'],
  properties: {
    keyshares: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_KEYSHARES,
      items: {
        type: 'object',
        required: ['key_id', 'encrypted_keyshare'],
        properties: { key_id: HEX, encrypted_keyshare: { type: 'string', minLength: 1, maxLength: MAX_KEYSHARE_LENGTH } },
      },
    },
  },
} as const;
export interface BackupBody {
  readonly keyshares: readonly { readonly key_id: string; readonly encrypted_keyshare: string }[];
}

export const recoverBody = {
  type: 'object',
  required: ['key_ids', ...FACE_REQUIRED],
  properties: { key_ids: { type: 'array', minItems: 1, maxItems: MAX_KEYSHARES, items: HEX }, ...FACE_FIELDS },
} as const;
export interface RecoverBody extends FaceBody {
  readonly key_ids: readonly string[];
}

export const transactionsQuery = {
  type: 'object',
  properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } },
} as const;
export interface TransactionsQuery {
  readonly limit?: number;
}

const HOOK_TOKEN = { type: 'string', maxLength: 512 } as const;

export const dkgSetupBody = {
  type: 'object',
  required: ['token', 'setup', 'instance'],
  properties: { token: HOOK_TOKEN, setup: { type: 'object' }, instance: HEX },
} as const;
export interface DkgSetupBody {
  readonly token: string;
  readonly instance: string;
}

export const keyIdNotificationBody = {
  type: 'object',
  required: ['token', 'key_id', 'instance'],
  properties: { token: HOOK_TOKEN, key_id: HEX, instance: HEX },
} as const;
export interface KeyIdNotificationBody {
  readonly token: string;
  readonly key_id: string;
  readonly instance: string;
}

/** `setup.key_id` is a tag like any other (an array of hex values); a bare string is accepted too. */
export const dsgSetupBody = {
  type: 'object',
  required: ['token', 'setup', 'instance'],
  properties: {
    token: HOOK_TOKEN,
    setup: {
      type: 'object',
      required: ['key_id'],
      properties: { key_id: { anyOf: [HEX, { type: 'array', minItems: 1, maxItems: 16, items: HEX }] } },
    },
    instance: HEX,
  },
} as const;
export interface DsgSetupBody {
  readonly token: string;
  readonly setup: { readonly key_id: string | readonly string[] };
  readonly instance: string;
}

/** `"ok"` | `"reject"`, sent as a JSON string. */
export type HookAnswer = 'ok' | 'reject';

export interface SuccessMessage {
  readonly success: true;
  readonly message: string;
}
