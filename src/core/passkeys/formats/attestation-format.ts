import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../errors.ts';
import type { AuthenticatorData } from '../authenticator-data.ts';

/** Where an attestation statement's trust comes from (WebAuthn L3 §6.5.3 attestation types). */
export type TrustPath =
  /** No attestation (`none`). */
  | { readonly kind: 'none' }
  /** Self attestation: signed by the credential key itself. */
  | { readonly kind: 'self' }
  /** Basic, AttCA or anonymization-CA attestation: a certificate chain, leaf first, DER. */
  | { readonly kind: 'x5c'; readonly chain: readonly Uint8Array[] };

export type AttestationStatement = ReadonlyMap<string, unknown>;

/** What a format's own verification procedure needs (WebAuthn L3 §8: its inputs). */
export interface StatementVerification {
  readonly attStmt: AttestationStatement;
  /** The authenticator data exactly as signed. */
  readonly authData: Uint8Array;
  readonly clientDataHash: Uint8Array;
  /** The credential public key from the attested credential data. */
  readonly credentialKey: KeyObject;
}

export interface StatementContext {
  readonly attStmt: AttestationStatement;
  readonly authData: AuthenticatorData;
  /** COSE alg of the credential public key. */
  readonly credentialAlgorithm: number;
}

/**
 * One attestation statement format (WebAuthn L3 §8), as Sigil sees it. The cryptographic
 * verification of the statement is SimpleWebAuthn's; a format module adds the structural checks
 * the FIDO server tests ask for with a clear error, and says where the trust path is so that
 * Sigil can judge it with its own clock and anchors.
 */
export interface AttestationFormat {
  readonly fmt: string;
  /** Structural checks before the library runs; throws `attestation_invalid`. */
  precheck(context: StatementContext): void;
  trustPath(attStmt: AttestationStatement): TrustPath;
  /**
   * The format's verification procedure, where Sigil runs it itself; throws
   * `attestation_invalid`. Formats without one are verified by SimpleWebAuthn.
   */
  verify?(statement: StatementVerification): void;
}

export function statementError(fmt: string, detail: string): DomainError {
  return new DomainError('attestation_invalid', { detail: `${fmt}: ${detail}` });
}

/** `x5c`: a non-empty array of non-empty DER byte strings, leaf first. */
export function readX5c(attStmt: AttestationStatement, fmt: string): readonly Uint8Array[] {
  const x5c = attStmt.get('x5c');
  if (x5c === undefined) throw statementError(fmt, 'attStmt.x5c is missing');
  if (!Array.isArray(x5c)) throw statementError(fmt, 'attStmt.x5c is not an array');
  if (x5c.length === 0) throw statementError(fmt, 'attStmt.x5c is empty');
  for (const certificate of x5c) {
    if (!(certificate instanceof Uint8Array) || certificate.byteLength === 0) throw statementError(fmt, 'attStmt.x5c holds a non-certificate');
  }
  return x5c as Uint8Array[];
}

/** `alg` (an integer) and a non-empty `sig`, as packed, tpm and android-key carry them. */
export function requireAlgAndSig(attStmt: AttestationStatement, fmt: string): number {
  const alg = attStmt.get('alg');
  if (alg === undefined) throw statementError(fmt, 'attStmt.alg is missing');
  if (typeof alg !== 'number' || !Number.isInteger(alg)) throw statementError(fmt, 'attStmt.alg is not a number');
  requireSig(attStmt, fmt);
  return alg;
}

export function requireSig(attStmt: AttestationStatement, fmt: string): void {
  const sig = attStmt.get('sig');
  if (sig === undefined) throw statementError(fmt, 'attStmt.sig is missing');
  if (!(sig instanceof Uint8Array)) throw statementError(fmt, 'attStmt.sig is not a byte string');
  if (sig.byteLength === 0) throw statementError(fmt, 'attStmt.sig is empty');
}
