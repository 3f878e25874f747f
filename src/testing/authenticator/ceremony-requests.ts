import type { AttestationIdentity, AttestationKind } from './attestation-statements.ts';
import type { CredentialKey } from './credential-key.ts';

/** Deliberate defects; each one produces a response a correct verifier must refuse (or accept, where noted). */
export interface Tamper {
  /** clientData members to replace; `undefined` removes a member. */
  readonly clientData?: Readonly<Record<string, unknown>>;
  /** Hash this RP ID into authData instead of the real one. */
  readonly rpIdHashOf?: string;
  /** The whole flags byte, replacing the computed one. */
  readonly flags?: number;
  /** The counter to report, instead of the authenticator's own. */
  readonly signCount?: number;
  /** Authenticator extension outputs (ED is set unless `flags` says otherwise). Valid, not a defect. */
  readonly extensions?: ReadonlyMap<string, unknown>;
  readonly trailingBytes?: Uint8Array;
  /** Flip the last byte of the signature (or of the attestation signature when registering). */
  readonly corruptSignature?: boolean;
  /** Sign the assertion with another key. */
  readonly signWith?: CredentialKey;
  /** Full packed attestation signed by the credential key rather than the batch key. */
  readonly signWithCredentialKey?: boolean;
  readonly aaguid?: Uint8Array;
}

export interface CeremonyRequest {
  /** The challenge from the options: bytes, or the base64url text. */
  readonly challenge: Uint8Array | string;
  readonly rpId: string;
  readonly origin: string;
  /** Sets UV (default true). */
  readonly userVerified?: boolean;
  readonly tamper?: Tamper;
}

export interface RegistrationRequest extends CeremonyRequest {
  readonly attestation?: AttestationKind;
  readonly identity?: AttestationIdentity;
  readonly transports?: string[];
}

export interface AuthenticationRequest extends CeremonyRequest {
  readonly userHandle?: Uint8Array;
}
