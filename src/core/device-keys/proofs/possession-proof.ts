import type { Credential } from '../../credential.ts';
import type { CoreDeps } from '../../deps.ts';
import type { Tenant } from '../../tenant.ts';

/**
 * How a client proves it holds a device's key, over the 32 bytes of a consumed challenge:
 * a bare signature (ECDSA P-256 or Ed25519, by the stored key's algorithm), or a WebAuthn
 * assertion of a platform credential (BioKey's hardened fields, base64url as sent).
 */
export type PossessionProof =
  | { readonly kind: 'signature'; readonly signature: Uint8Array }
  | { readonly kind: 'webauthn'; readonly authenticatorData: string; readonly clientDataJSON: string; readonly signature: string };

export type PossessionProofKind = PossessionProof['kind'];

/** What a verified proof changes on a passkey; null for a device key, which has no counter. */
export type ProofOutcome = {
  readonly signCount: number;
  readonly backupEligible: boolean;
  readonly backupState: boolean;
} | null;

/** The imported-key caches a verifier reads stored keys through. */
export interface ProofKeys {
  readonly passkeys: CoreDeps['passkeys']['keyCache'];
  readonly deviceKeys: CoreDeps['deviceKeys']['keyCache'];
}

/** One proof kind: which stored credentials can answer it, and the check itself. */
export interface PossessionVerifier {
  readonly kind: PossessionProofKind;
  accepts(credential: Credential): boolean;
  /**
   * Throws a DomainError (`signature_invalid`, a WebAuthn check's code, …) when the proof fails.
   * Called only with proofs of its own kind (the registry is keyed by kind).
   */
  verify(tenant: Tenant, challenge: Uint8Array, credential: Credential, proof: PossessionProof, keys: ProofKeys): ProofOutcome;
}

/** Narrows a proof to the kind its verifier handles; a mismatch is a programming error. */
export function proofOfKind<K extends PossessionProofKind>(proof: PossessionProof, kind: K): Extract<PossessionProof, { kind: K }> {
  if (proof.kind !== kind) throw new RangeError(`a ${proof.kind} proof given to the ${kind} verifier`);
  return proof as Extract<PossessionProof, { kind: K }>;
}
