import { DomainError } from '../errors.ts';

/**
 * Readers for the JSON envelope of a WebAuthn response (`RegistrationResponseJSON`,
 * `AuthenticationResponseJSON`). One rule for the whole envelope: a member that is missing, of
 * the wrong JSON type, empty when it must not be, or not base64url is `invalid_request`. What
 * the decoded bytes contain is judged later, under the code of the check that reads them.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const PADDED = /^[A-Za-z0-9_-]+={1,2}$/;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(detail: string): DomainError {
  return new DomainError('invalid_request', { detail });
}

export function requireObject(value: unknown, field: string): JsonObject {
  if (value === undefined || value === null) throw invalid(`${field} is missing`);
  if (!isJsonObject(value)) throw invalid(`${field} is not an object`);
  return value;
}

/** A non-empty string member. */
export function requireString(record: JsonObject, key: string, field: string): string {
  const value = record[key];
  if (value === undefined || value === null) throw invalid(`${field} is missing`);
  if (typeof value !== 'string') throw invalid(`${field} is not a string`);
  if (value.length === 0) throw invalid(`${field} is empty`);
  return value;
}

/**
 * Base64url (RFC 4648 §5) text as bytes. WebAuthn sends it unpadded; correct padding (a length
 * that is a multiple of four) is tolerated because older client libraries added it. Anything
 * outside the alphabet, or a length no encoding can have, is refused.
 */
export function decodeBase64Url(text: string, field: string): Uint8Array {
  const unpadded = PADDED.test(text) && text.length % 4 === 0 ? text.replace(/=+$/, '') : text;
  if (!BASE64URL.test(unpadded) || unpadded.length % 4 === 1) throw invalid(`${field} is not base64url`);
  return new Uint8Array(Buffer.from(unpadded, 'base64url'));
}

/** A non-empty base64url string member, decoded. */
export function requireBase64Url(record: JsonObject, key: string, field: string): Uint8Array {
  return decodeBase64Url(requireString(record, key, field), field);
}

/** An optional base64url member: absent, null and "" all mean "not sent". */
export function optionalBase64Url(record: JsonObject, key: string, field: string): Uint8Array | null {
  const value = record[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw invalid(`${field} is not a string`);
  return decodeBase64Url(value, field);
}
