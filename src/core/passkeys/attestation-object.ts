import { isoCBOR } from '@simplewebauthn/server/helpers';
import { CborLengthError, cborItemLength } from '../../crypto/cose/cbor-item-length.ts';
import { DomainError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';
import type { AttestationStatement } from './formats/attestation-format.ts';

/** The attestation object (WebAuthn L3 §6.5.4), with its three members type-checked. */
export interface AttestationObject {
  readonly fmt: string;
  readonly attStmt: AttestationStatement;
  readonly authData: Uint8Array;
}

function fail(code: ErrorCode, detail: string): never {
  throw new DomainError(code, { detail });
}

/**
 * Decodes exactly one CBOR map holding `fmt` (text), `attStmt` (map) and `authData` (non-empty
 * bytes), as the FIDO server tests probe (Resp-3 F-1…F-8). §7.1 step 12.
 */
export function decodeAttestationObject(bytes: Uint8Array): AttestationObject {
  try {
    if (cborItemLength(bytes) !== bytes.byteLength) fail('attestation_invalid', 'attestationObject has bytes after its CBOR map');
  } catch (error) {
    if (error instanceof CborLengthError) fail('attestation_invalid', `attestationObject is not CBOR: ${error.message}`);
    throw error;
  }
  let decoded: unknown;
  try {
    decoded = isoCBOR.decodeFirst(Uint8Array.from(bytes));
  } catch (error) {
    fail('attestation_invalid', `attestationObject is not CBOR: ${(error as Error).message}`);
  }
  if (!(decoded instanceof Map)) fail('attestation_invalid', 'attestationObject is not a CBOR map');
  const fmt: unknown = decoded.get('fmt');
  const attStmt: unknown = decoded.get('attStmt');
  const authData: unknown = decoded.get('authData');
  if (fmt === undefined) fail('attestation_invalid', 'attestationObject.fmt is missing');
  if (typeof fmt !== 'string') fail('attestation_invalid', 'attestationObject.fmt is not a text string');
  if (attStmt === undefined) fail('attestation_invalid', 'attestationObject.attStmt is missing');
  if (!(attStmt instanceof Map)) fail('attestation_invalid', 'attestationObject.attStmt is not a map');
  if (authData === undefined) fail('authenticator_data_invalid', 'attestationObject.authData is missing');
  if (!(authData instanceof Uint8Array)) fail('authenticator_data_invalid', 'attestationObject.authData is not a byte string');
  if (authData.byteLength === 0) fail('authenticator_data_invalid', 'attestationObject.authData is empty');
  return { fmt, attStmt: attStmt as AttestationStatement, authData };
}
