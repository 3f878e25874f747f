/**
 * LoginID FIDO2 API 2.0 request bodies (seed 003) and their JSON schemas. Byte fields arrive in
 * base64 or base64url, padded or not (the spec says base64, the web SDK sends base64url); the
 * schemas accept both alphabets and mapping.ts normalizes them.
 */
export const LOGINID_SCOPES = ['passkey:read', 'passkey:write', 'profile:read', 'profile:write', 'reg:write', 'auth:write'] as const;
export type LoginIdScope = (typeof LOGINID_SCOPES)[number];

export type DeviceInfoWire = Readonly<Record<string, string | number | boolean | null>>;
export interface AppWire { readonly id: string; readonly token?: string }
export interface UserLoginWire { readonly username: string; readonly usernameType?: 'email' | 'phone' | 'other' }
export interface UserWire extends UserLoginWire { readonly displayName?: string }

export interface RegInitBody {
  readonly app: AppWire;
  readonly deviceInfo: DeviceInfoWire;
  readonly passkeyOptions?: { readonly conditionalCreate?: boolean; readonly securityKey?: boolean };
  readonly user?: UserWire;
}
export interface CreationResultWire {
  readonly attestationObject: string;
  readonly clientDataJSON: string;
  readonly credentialId: string;
  readonly transports?: readonly string[];
}
export interface RegCompleteBody { readonly creationResult: CreationResultWire; readonly session: string; readonly passkeyName?: string }
export interface AuthInitBody { readonly app: AppWire; readonly deviceInfo: DeviceInfoWire; readonly user?: UserLoginWire }
export interface AssertionResultWire {
  readonly authenticatorData: string;
  readonly clientDataJSON: string;
  readonly credentialId: string;
  readonly signature: string;
  readonly userHandle?: string | null;
}
export interface AuthCompleteBody { readonly assertionResult: AssertionResultWire; readonly session: string }
export interface TxInitBody { readonly nonce: string; readonly txPayload: string; readonly txType: string; readonly username: string }
export interface TxCompleteBody { readonly authenticatorData: string; readonly clientData: string; readonly keyHandle: string; readonly session: string; readonly signature: string }
export interface OtpSendBody { readonly user: UserLoginWire }
export interface OtpVerifyBody { readonly authCode: string; readonly user: UserLoginWire }
export interface ProfileVerifyBody { readonly authCode: string; readonly username: string }
export interface ProfileEmailBody { readonly email: string; readonly requestVerification: boolean }
export interface ProfilePhoneBody { readonly phoneNumber: string; readonly messagingConsent: boolean; readonly requestVerification: boolean }
export interface GrantBody { readonly grants: readonly LoginIdScope[]; readonly username?: string }
export interface AaguidRulesBody { readonly items: readonly { readonly aaguid: string; readonly auth: boolean; readonly reg: boolean }[] }
export interface DiscoverBody { readonly deviceInfo?: DeviceInfoWire; readonly user: UserWire; readonly userAgent: string }

const bytes = { type: 'string', minLength: 1, maxLength: 65536, pattern: '^[A-Za-z0-9+/_-]+={0,2}$' } as const;
const session = { type: 'string', minLength: 16, maxLength: 128 } as const;
const shortText = { type: 'string', minLength: 1, maxLength: 256 } as const;
const usernameType = { enum: ['email', 'phone', 'other'] } as const;
const deviceInfo = {
  type: 'object',
  maxProperties: 32,
  additionalProperties: { anyOf: [{ type: 'string', maxLength: 4096 }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }] },
} as const;
const app = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 }, token: { type: 'string', maxLength: 4096 } } } as const;
// An empty username means "usernameless" where a login may be (the web SDK sends `""`).
const userLogin = { type: 'object', required: ['username'], properties: { username: { type: 'string', maxLength: 256 }, usernameType } } as const;
const user = { type: 'object', required: ['username'], properties: { username: shortText, usernameType, displayName: { type: 'string', maxLength: 256 } } } as const;
const authCode = { type: 'string', minLength: 1, maxLength: 16 } as const;

export const regInitSchema = {
  type: 'object',
  required: ['app', 'deviceInfo'],
  properties: { app, deviceInfo, user, passkeyOptions: { type: 'object', properties: { conditionalCreate: { type: 'boolean' }, securityKey: { type: 'boolean' } } } },
} as const;
export const regCompleteSchema = {
  type: 'object',
  required: ['creationResult', 'session'],
  properties: {
    creationResult: {
      type: 'object',
      required: ['attestationObject', 'clientDataJSON', 'credentialId'],
      properties: { attestationObject: bytes, clientDataJSON: bytes, credentialId: bytes, transports: { type: 'array', maxItems: 16, items: { type: 'string', maxLength: 32 } } },
    },
    session,
    passkeyName: { type: 'string', maxLength: 128 },
  },
} as const;
export const authInitSchema = { type: 'object', required: ['app', 'deviceInfo'], properties: { app, deviceInfo, user: userLogin } } as const;
export const authCompleteSchema = {
  type: 'object',
  required: ['assertionResult', 'session'],
  properties: {
    assertionResult: {
      type: 'object',
      required: ['authenticatorData', 'clientDataJSON', 'credentialId', 'signature'],
      properties: { authenticatorData: bytes, clientDataJSON: bytes, credentialId: bytes, signature: bytes, userHandle: { anyOf: [{ type: 'string', maxLength: 1024 }, { type: 'null' }] } },
    },
    session,
  },
} as const;
export const txInitSchema = {
  type: 'object',
  required: ['nonce', 'txPayload', 'txType', 'username'],
  properties: { nonce: shortText, txPayload: { type: 'string', minLength: 1, maxLength: 16384 }, txType: { type: 'string', minLength: 1, maxLength: 64 }, username: shortText },
} as const;
export const txCompleteSchema = {
  type: 'object',
  required: ['authenticatorData', 'clientData', 'keyHandle', 'session', 'signature'],
  properties: { authenticatorData: bytes, clientData: bytes, keyHandle: bytes, session, signature: bytes },
} as const;
export const otpSendSchema = { type: 'object', required: ['user'], properties: { user: { ...userLogin, properties: { ...userLogin.properties, username: shortText } } } } as const;
export const otpVerifySchema = { type: 'object', required: ['authCode', 'user'], properties: { authCode, user: otpSendSchema.properties.user } } as const;
export const profileVerifySchema = { type: 'object', required: ['authCode', 'username'], properties: { authCode, username: shortText } } as const;
export const profileEmailSchema = {
  type: 'object',
  required: ['email'],
  properties: { email: { type: 'string', format: 'email', maxLength: 254 }, requestVerification: { type: 'boolean', default: true } },
} as const;
export const profileEmailDeleteSchema = { type: 'object', required: ['email'], properties: { email: { type: 'string', maxLength: 254 } } } as const;
export const profilePhoneSchema = {
  type: 'object',
  required: ['phoneNumber'],
  properties: {
    phoneNumber: { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$' },
    messagingConsent: { type: 'boolean', default: false },
    requestVerification: { type: 'boolean', default: true },
  },
} as const;
export const renameSchema = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 128 } } } as const;
export const mgmtRenameSchema = { type: 'object', required: ['passkeyName'], properties: { passkeyName: { type: 'string', minLength: 1, maxLength: 128 } } } as const;
export const grantSchema = {
  type: 'object',
  required: ['grants'],
  properties: { grants: { type: 'array', minItems: 1, maxItems: 6, items: { enum: LOGINID_SCOPES } }, username: shortText },
} as const;
export const tokenVerifySchema = { type: 'object', required: ['jwtAccess'], properties: { jwtAccess: { type: 'string', minLength: 1, maxLength: 8192 } } } as const;
const aaguidText = { type: 'string', minLength: 32, maxLength: 36 } as const;
export const aaguidRulesSchema = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', maxItems: 1000, items: { type: 'object', required: ['aaguid', 'auth', 'reg'], properties: { aaguid: aaguidText, auth: { type: 'boolean' }, reg: { type: 'boolean' } } } } },
} as const;
export const aaguidRemovalSchema = { type: 'object', required: ['aaguids'], properties: { aaguids: { type: 'array', maxItems: 1000, items: aaguidText } } } as const;
export const discoverSchema = { type: 'object', required: ['user', 'userAgent'], properties: { deviceInfo, user, userAgent: { type: 'string', maxLength: 1024 } } } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 128 } } } as const;
export const usernameQuery = { type: 'object', required: ['username'], properties: { username: shortText } } as const;
