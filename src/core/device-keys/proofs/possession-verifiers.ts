import type { PossessionProofKind, PossessionVerifier } from './possession-proof.ts';
import { signatureProof } from './signature-proof.ts';
import { webauthnProof } from './webauthn-proof.ts';

/** Every proof kind, found by its name. */
export const POSSESSION_VERIFIERS: { readonly [K in PossessionProofKind]: PossessionVerifier } = {
  signature: signatureProof,
  webauthn: webauthnProof,
};
