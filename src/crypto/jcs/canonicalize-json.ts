import canonicalize from 'canonicalize';
import { DomainError } from '../../core/errors.ts';
import { assertJsonValue } from './json-value.ts';
import type { JsonValue } from './json-value.ts';
import { parseIJson } from './parse-i-json.ts';

/**
 * The RFC 8785 (JCS) canonical form of a JSON value: members sorted by UTF-16 code units, ECMAScript
 * number serialization (§3.2.2.3), minimal string escapes, no whitespace. The serialization is npm
 * `canonicalize` (by an RFC 8785 author), which passes every case of test/vectors/rfc8785-jcs;
 * the strict input check is Sigil's. Throws `invalid_request` for NaN, ±Infinity, lone surrogates and
 * values JSON cannot represent.
 */
export function canonicalizeJson(value: JsonValue): string {
  try {
    assertJsonValue(value);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('invalid_request', { detail: 'JSON value nests too deeply', cause: error });
  }
  const text = canonicalize(value);
  if (text === undefined) throw new DomainError('invalid_request', { detail: 'value has no JSON form' });
  return text;
}

/** The canonical form's UTF-8 bytes (RFC 8785 §3.2.4): what gets hashed and signed. */
export function canonicalizeJsonBytes(value: JsonValue): Uint8Array {
  return new TextEncoder().encode(canonicalizeJson(value));
}

/** Parses `text` as I-JSON (unique member names, no lone surrogates) and canonicalizes it. */
export function canonicalizeJsonText(text: string): string {
  return canonicalizeJson(parseIJson(text));
}
