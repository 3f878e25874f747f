import { readX5c, requireAlgAndSig, statementError } from './attestation-format.ts';
import type { AttestationFormat } from './attestation-format.ts';

/** §8.2 `packed`: full attestation with an x5c chain, or self attestation without one. */
export const packedFormat: AttestationFormat = {
  fmt: 'packed',
  precheck({ attStmt, credentialAlgorithm }) {
    if (attStmt.size === 0) throw statementError('packed', 'attStmt is empty');
    const alg = requireAlgAndSig(attStmt, 'packed');
    if (attStmt.has('x5c')) {
      readX5c(attStmt, 'packed');
      return;
    }
    // §8.2 verification procedure, self attestation: alg matches the credential key's algorithm.
    if (alg !== credentialAlgorithm) throw statementError('packed', `self attestation alg ${alg} is not the credential alg ${credentialAlgorithm}`);
  },
  trustPath: (attStmt) => (attStmt.has('x5c') ? { kind: 'x5c', chain: readX5c(attStmt, 'packed') } : { kind: 'self' }),
};
