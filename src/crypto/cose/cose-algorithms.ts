import type { CoseAlgorithm } from './cose-algorithm.ts';
import { ECDSA_ALGORITHMS } from './ecdsa.ts';
import { EDDSA_ALGORITHMS } from './eddsa.ts';
import { ML_DSA_ALGORITHMS } from './ml-dsa.ts';
import { RSASSA_PKCS1_ALGORITHMS } from './rsa-pkcs1.ts';
import { RSASSA_PSS_ALGORITHMS } from './rsa-pss.ts';

/** Every COSE signature algorithm Sigil can verify, by identifier. */
const REGISTRY: ReadonlyMap<number, CoseAlgorithm> = new Map(
  [...ECDSA_ALGORITHMS, ...EDDSA_ALGORITHMS, ...RSASSA_PKCS1_ALGORITHMS, ...RSASSA_PSS_ALGORITHMS, ...ML_DSA_ALGORITHMS].map(
    (algorithm) => [algorithm.alg, algorithm],
  ),
);

export const SUPPORTED_COSE_ALGORITHMS: readonly number[] = Object.freeze([...REGISTRY.keys()]);

export function findCoseAlgorithm(alg: number): CoseAlgorithm | undefined {
  return REGISTRY.get(alg);
}
