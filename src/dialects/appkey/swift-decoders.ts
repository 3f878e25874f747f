import assert from 'node:assert/strict';

/**
 * What AppKeySwift's `JSONDecoder` requires of each answer (Sources/AppKeySwift/AKDataModel.swift
 * at the SDK's latest commit): each field's JSON type, `?` for an optional (null or absent
 * allowed). A test helper: an answer that fails here would throw `DecodingError` on the phone.
 */
type FieldType = 'string' | 'number' | 'boolean' | 'string[]' | { readonly array: Shape } | Shape;
type Shape = { readonly [field: string]: FieldType | `${'string' | 'number' | 'boolean'}?` };

export const AK_USER: Shape = { id: 'string', name: 'string', displayName: 'string', handle: 'string' };
export const AK_CREDENTIAL: Shape = { id: 'string', type: 'string' };
export const AK_LOGIN_CHALLENGE: Shape = { rpId: 'string', challenge: 'string', allowCredentials: { array: AK_CREDENTIAL }, timeout: 'number', userVerification: 'string', requireAddPasskey: 'boolean?' };
export const AK_SIGNUP_CHALLENGE: Shape = { challenge: 'string', user: AK_USER };
export const AK_SIGNUP_DATA: Shape = { handle: 'string', message: 'string', signUpToken: 'string?' };
export const AK_PASSKEY: Shape = {
  id: 'string', publicKey: 'string', counter: 'number', deviceType: 'string', credentialBackedUp: 'boolean',
  name: 'string', platform: 'string', lastUsed: 'string', createdAt: 'string', updatedAt: 'string',
};
export const AK_APP_USER: Shape = {
  appUserId: 'string', displayName: 'string', handle: 'string', status: 'string', appId: 'string', loginProvider: 'string',
  authenticators: { array: AK_PASSKEY }, userName: 'string?', locale: 'string?', lastLogin: 'string?',
};
export const AK_APPLICATION: Shape = {
  appId: 'string', displayAppId: 'string', name: 'string', userId: 'string', status: 'string', handleType: 'string',
  emailExtension: 'boolean', appPublicKey: 'string', appToken: 'string', signup: 'string', anonymousLoginEnabled: 'boolean',
  userNamesEnabled: 'boolean', googleLoginEnabled: 'boolean', appleLoginEnabled: 'boolean', firebaseLoginEnabled: 'boolean',
  googleClientId: 'string?', appleBundleId: 'string?', relyPartyId: 'string?', userJWTExpiration: 'number', locales: 'string[]',
};

export function assertSwiftDecodes(shape: Shape, value: unknown, path = '$'): void {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${path} is not an object`);
  const record = value as Record<string, unknown>;
  for (const [field, type] of Object.entries(shape)) {
    const v = record[field];
    const at = `${path}.${field}`;
    if (typeof type === 'string' && type.endsWith('?')) {
      if (v !== undefined && v !== null) assert.equal(typeof v, type.slice(0, -1), at);
    } else if (type === 'string[]') {
      assert.ok(Array.isArray(v) && v.every((x) => typeof x === 'string'), `${at} is not [String]`);
    } else if (typeof type === 'string') {
      assert.equal(typeof v, type, at);
      if (type === 'number') assert.ok(Number.isInteger(v), `${at} is not an Int`);
    } else if ('array' in type) {
      assert.ok(Array.isArray(v), `${at} is not an array`);
      (v as unknown[]).forEach((item, i) => assertSwiftDecodes(type.array as Shape, item, `${at}[${i}]`));
    } else {
      assertSwiftDecodes(type as Shape, v, at);
    }
  }
}
