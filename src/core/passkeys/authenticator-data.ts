import { isoCBOR } from '@simplewebauthn/server/helpers';
import { CborLengthError, cborItemLength } from '../../crypto/cose/cbor-item-length.ts';
import { DomainError } from '../errors.ts';

/** The flags byte (WebAuthn L3 §6.1). */
export interface AuthenticatorFlags {
  readonly userPresent: boolean;
  readonly userVerified: boolean;
  readonly backupEligible: boolean;
  readonly backupState: boolean;
  readonly attestedCredentialData: boolean;
  readonly extensionData: boolean;
}

/** Attested credential data (§6.5.2): present in registrations. */
export interface AttestedCredentialData {
  readonly aaguid: Uint8Array;
  readonly credentialId: Uint8Array;
  /** The COSE_Key exactly as the authenticator encoded it. */
  readonly publicKey: Uint8Array;
}

export interface AuthenticatorData {
  readonly rpIdHash: Uint8Array;
  readonly flags: AuthenticatorFlags;
  readonly signCount: number;
  readonly attestedCredential: AttestedCredentialData | null;
  /** Authenticator extension outputs, decoded (a CBOR map). */
  readonly extensions: ReadonlyMap<unknown, unknown> | null;
}

const MIN_LENGTH = 37; // rpIdHash (32) + flags (1) + signCount (4)
const MAX_CREDENTIAL_ID_LENGTH = 1023; // §7.1: "Verify that the credentialId is ≤ 1023 bytes"

function invalid(detail: string): never {
  throw new DomainError('authenticator_data_invalid', { detail });
}

/** Length of the CBOR item at `offset`, as an authenticator-data failure when malformed. */
function itemEnd(bytes: Uint8Array, offset: number, what: string): number {
  if (offset >= bytes.byteLength) invalid(`${what} is missing`);
  try {
    return offset + cborItemLength(bytes, offset);
  } catch (error) {
    if (error instanceof CborLengthError) invalid(`${what}: ${error.message}`);
    throw error;
  }
}

function readFlags(byte: number): AuthenticatorFlags {
  return {
    userPresent: (byte & 0x01) !== 0,
    userVerified: (byte & 0x04) !== 0,
    backupEligible: (byte & 0x08) !== 0,
    backupState: (byte & 0x10) !== 0,
    attestedCredentialData: (byte & 0x40) !== 0,
    extensionData: (byte & 0x80) !== 0,
  };
}

function readAttestedCredential(bytes: Uint8Array, offset: number): { data: AttestedCredentialData; end: number } {
  if (bytes.byteLength < offset + 18) invalid('attested credential data is truncated');
  const aaguid = bytes.subarray(offset, offset + 16);
  const idLength = ((bytes[offset + 16] as number) << 8) | (bytes[offset + 17] as number);
  if (idLength === 0 || idLength > MAX_CREDENTIAL_ID_LENGTH) invalid(`credential id length ${idLength} is outside 1…${MAX_CREDENTIAL_ID_LENGTH}`);
  const idStart = offset + 18;
  if (bytes.byteLength < idStart + idLength) invalid('credential id is truncated');
  const keyStart = idStart + idLength;
  const keyEnd = itemEnd(bytes, keyStart, 'credential public key');
  const data = { aaguid, credentialId: bytes.subarray(idStart, keyStart), publicKey: bytes.subarray(keyStart, keyEnd) };
  return { data, end: keyEnd };
}

function readExtensions(bytes: Uint8Array, offset: number): { extensions: ReadonlyMap<unknown, unknown>; end: number } {
  const end = itemEnd(bytes, offset, 'extensions');
  const decoded: unknown = isoCBOR.decodeFirst(bytes.slice(offset, end));
  if (!(decoded instanceof Map)) invalid('extensions are not a CBOR map');
  return { extensions: decoded, end };
}

/**
 * Parses authenticator data (§6.1) strictly: at least 37 bytes; attested credential data present
 * exactly when AT is set; an extensions map present exactly when ED is set; nothing after them.
 * Views into `bytes` are returned, not copies.
 */
export function parseAuthenticatorData(bytes: Uint8Array): AuthenticatorData {
  if (bytes.byteLength < MIN_LENGTH) invalid(`authenticator data is ${bytes.byteLength} bytes, at least ${MIN_LENGTH} required`);
  const flags = readFlags(bytes[32] as number);
  const signCount = new DataView(bytes.buffer, bytes.byteOffset + 33, 4).getUint32(0, false);
  let offset = MIN_LENGTH;
  let attestedCredential: AttestedCredentialData | null = null;
  if (flags.attestedCredentialData) {
    const read = readAttestedCredential(bytes, offset);
    attestedCredential = read.data;
    offset = read.end;
  }
  let extensions: ReadonlyMap<unknown, unknown> | null = null;
  if (flags.extensionData) {
    const read = readExtensions(bytes, offset);
    extensions = read.extensions;
    offset = read.end;
  }
  if (offset !== bytes.byteLength) invalid(`${bytes.byteLength - offset} leftover bytes after authenticator data`);
  return { rpIdHash: bytes.subarray(0, 32), flags, signCount, attestedCredential, extensions };
}
