import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import type { CoseAlgorithm } from './cose-algorithm.ts';
import { findCoseAlgorithm } from './cose-algorithms.ts';
import { COSE_LABEL, coseInteger, decodeCoseKey } from './cose-key.ts';

/** A credential public key ready for signature checks. */
export interface CosePublicKey {
  readonly algorithm: CoseAlgorithm;
  readonly key: KeyObject;
}

/**
 * Decodes a COSE_Key and imports it with the algorithm its `alg` member names. Fails with
 * `unsupported_algorithm` for an algorithm outside the registry and `public_key_invalid` for a
 * key that does not fit its algorithm.
 */
export function importCosePublicKey(bytes: Uint8Array): CosePublicKey {
  const coseKey = decodeCoseKey(bytes);
  const alg = coseInteger(coseKey, COSE_LABEL.alg, 'alg');
  const algorithm = findCoseAlgorithm(alg);
  if (algorithm === undefined) throw new DomainError('unsupported_algorithm', { detail: `COSE alg ${alg} is not supported` });
  return { algorithm, key: algorithm.importKey(coseKey) };
}
