import type { Credential } from '../credential.ts';
import type { CoreDeps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { PossessionProof, PossessionVerifier, ProofOutcome } from './proofs/possession-proof.ts';
import { POSSESSION_VERIFIERS } from './proofs/possession-verifiers.ts';

/** A user rarely holds more than a few device keys; a proof is tried against at most this many. */
const MAX_CANDIDATES = 10;

export interface AnsweringCredential {
  readonly credential: Credential;
  readonly outcome: ProofOutcome;
}

/**
 * The first of `candidates` whose key verifies `proof` over the challenge bytes, with what the
 * proof changes on it. Only candidates that can answer this kind of proof are tried. Stores
 * nothing: the caller records the use (a stored credential) or creates it (a provisional one).
 */
export function firstAnsweringCredential(
  deps: Pick<CoreDeps, 'passkeys' | 'deviceKeys'>,
  tenant: Tenant,
  challenge: Uint8Array,
  candidates: readonly Credential[],
  proof: PossessionProof,
): AnsweringCredential {
  const verifier: PossessionVerifier = POSSESSION_VERIFIERS[proof.kind];
  const able = candidates.filter((c) => verifier.accepts(c)).slice(0, MAX_CANDIDATES);
  if (able.length === 0) throw new DomainError('signature_invalid', { detail: `no active credential can answer a ${proof.kind} proof` });
  let failure: unknown = null;
  for (const credential of able) {
    try {
      return { credential, outcome: verifier.verify(tenant, challenge, credential, proof, { passkeys: deps.passkeys.keyCache, deviceKeys: deps.deviceKeys.keyCache }) };
    } catch (error) {
      failure = error;
    }
  }
  throw able.length === 1 ? failure : new DomainError('signature_invalid', { detail: `none of ${able.length} credentials verified` });
}
