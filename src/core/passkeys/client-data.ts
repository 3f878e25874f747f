import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';
import { isJsonObject } from './response-fields.ts';
import type { JsonObject } from './response-fields.ts';

/** What the relying party expects of `clientDataJSON` in one ceremony. */
export interface ClientDataExpectations {
  /** `webauthn.create` for registration, `webauthn.get` for authentication. */
  readonly type: string;
  /** The challenge issued for this ceremony, as the unpadded base64url text the client echoes. */
  readonly challenge: string;
  /** Exact origins, web (`https://host[:port]`) or app (`android:apk-key-hash:…`). */
  readonly origins: readonly string[];
  /**
   * Top-level origins allowed to embed this ceremony in a cross-origin iframe. Absent or empty:
   * cross-origin ceremonies are refused (a page of another site framing ours is the clickjacking
   * case the `crossOrigin` member exists to reveal). When given, `crossOrigin: true` is accepted;
   * a `topOrigin` the client reports must be listed, and a client that reports none (browsers
   * from before Level 3) is accepted because the frame's own origin was already checked.
   */
  readonly topOrigins?: readonly string[];
}

export interface CollectedClientData {
  readonly type: string;
  readonly challenge: string;
  readonly origin: string;
  readonly crossOrigin: boolean;
  readonly topOrigin: string | null;
}

const TOKEN_BINDING_STATUSES = ['present', 'supported', 'not-supported'];
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function fail(code: ErrorCode, detail: string): never {
  throw new DomainError(code, { detail });
}

function member(data: JsonObject, key: string): string {
  const value = data[key];
  if (value === undefined) fail('client_data_invalid', `clientData.${key} is missing`);
  if (typeof value !== 'string') fail('client_data_invalid', `clientData.${key} is not a string`);
  if (value.length === 0) fail('client_data_invalid', `clientData.${key} is empty`);
  return value;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.byteLength === y.byteLength && timingSafeEqual(x, y);
}

function parse(bytes: Uint8Array): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    fail('client_data_invalid', 'clientDataJSON is not UTF-8 JSON');
  }
  if (!isJsonObject(parsed)) fail('client_data_invalid', 'clientDataJSON is not a JSON object');
  return parsed;
}

function checkTokenBinding(value: unknown): void {
  if (value === undefined) return;
  // Token Binding left WebAuthn in Level 3; the FIDO server tests (Resp-2 F-15…F-17) still send
  // malformed ones and expect a refusal, and accept any of the three statuses.
  if (!isJsonObject(value)) fail('client_data_invalid', 'clientData.tokenBinding is not an object');
  const status = value['status'];
  if (typeof status !== 'string' || !TOKEN_BINDING_STATUSES.includes(status)) {
    fail('client_data_invalid', `clientData.tokenBinding.status ${JSON.stringify(status)} is not present, supported or not-supported`);
  }
}

function checkCrossOrigin(data: JsonObject, topOrigins: readonly string[]): { crossOrigin: boolean; topOrigin: string | null } {
  const crossOrigin = data['crossOrigin'];
  const topOrigin = data['topOrigin'];
  if (crossOrigin !== undefined && typeof crossOrigin !== 'boolean') fail('client_data_invalid', 'clientData.crossOrigin is not a boolean');
  if (topOrigin !== undefined && typeof topOrigin !== 'string') fail('client_data_invalid', 'clientData.topOrigin is not a string');
  if (crossOrigin !== true) {
    if (topOrigin !== undefined) fail('client_data_invalid', 'clientData.topOrigin is present without crossOrigin');
    return { crossOrigin: false, topOrigin: null };
  }
  if (topOrigins.length === 0) fail('origin_mismatch', 'cross-origin ceremony, and no top origin is allowed');
  if (topOrigin !== undefined && !topOrigins.includes(topOrigin)) fail('origin_mismatch', `top origin ${JSON.stringify(topOrigin)} is not allowed`);
  return { crossOrigin: true, topOrigin: topOrigin ?? null };
}

/**
 * The client-data steps shared by both ceremonies (WebAuthn L3 §7.1 steps 5–10, §7.2 steps
 * 8–13): decode and parse, then type, challenge, origin, token binding and cross-origin use.
 */
export function verifyClientData(clientDataJSON: Uint8Array, expected: ClientDataExpectations): CollectedClientData {
  // §7.1 steps 5–6 / §7.2 steps 8–9: UTF-8 decode (invalid sequences rejected), parse JSON.
  const data = parse(clientDataJSON);
  // §7.1 step 7 / §7.2 step 10: verify clientData.type.
  const type = member(data, 'type');
  if (type !== expected.type) fail('type_mismatch', `clientData.type ${JSON.stringify(type)} is not ${expected.type}`);
  // §7.1 step 8 / §7.2 step 11: the challenge equals the base64url encoding of the one issued.
  const challenge = member(data, 'challenge');
  if (!BASE64URL.test(challenge)) fail('client_data_invalid', 'clientData.challenge is not base64url');
  if (!sameText(challenge, expected.challenge)) fail('challenge_mismatch', 'clientData.challenge is not the issued challenge');
  // §7.1 step 9 / §7.2 step 12: the origin is one the relying party expects, compared exactly.
  const origin = member(data, 'origin');
  if (!expected.origins.includes(origin)) fail('origin_mismatch', `origin ${JSON.stringify(origin)} is not allowed`);
  // Level 2 §7.1 step 10 / §7.2 step 14: a tokenBinding member, when present, is well formed.
  checkTokenBinding(data['tokenBinding']);
  // §7.1 step 10 / §7.2 step 13: cross-origin use only where the relying party allows it.
  const frame = checkCrossOrigin(data, expected.topOrigins ?? []);
  return { type, challenge, origin, ...frame };
}
