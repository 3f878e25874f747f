import { X509Certificate } from 'node:crypto';
import { readX5c, requireAlgAndSig, statementError } from './attestation-format.ts';
import { certificateKeyFits } from './certificate-key-fits.ts';
import type { AttestationFormat } from './attestation-format.ts';

/**
 * Whether the chain ends in a self-signed (root) certificate. §8.2 puts the attestation
 * certificate and its chain in x5c; the root is the verifier's trust anchor, and the FIDO server
 * tests (Resp-5 F-10, "x5c containing full chain") require a chain that carries it to be refused.
 * An unreadable certificate is left to the trust evaluation, which refuses it.
 */
function endsWithRoot(x5c: readonly Uint8Array[]): boolean {
  if (x5c.length < 2) return false;
  try {
    const last = new X509Certificate(x5c[x5c.length - 1] as Uint8Array);
    return last.checkIssued(last) && last.verify(last.publicKey);
  } catch {
    return false;
  }
}

/** §8.2 `packed`: full attestation with an x5c chain, or self attestation without one. */
export const packedFormat: AttestationFormat = {
  fmt: 'packed',
  precheck({ attStmt, credentialAlgorithm }) {
    if (attStmt.size === 0) throw statementError('packed', 'attStmt is empty');
    const alg = requireAlgAndSig(attStmt, 'packed');
    if (attStmt.has('x5c')) {
      const x5c = readX5c(attStmt, 'packed');
      if (endsWithRoot(x5c)) throw statementError('packed', 'x5c includes the root certificate');
      // §8.2 verification procedure, x5c present: sig verifies with attestnCert's key under alg,
      // so alg must be an algorithm of that key (FIDO Resp-3 F-16: alg other than the metadata's).
      if (certificateKeyFits(x5c[0] as Uint8Array, alg) === false) throw statementError('packed', `alg ${alg} does not fit the attestation certificate's key`);
      return;
    }
    // §8.2 verification procedure, self attestation: alg matches the credential key's algorithm.
    if (alg !== credentialAlgorithm) throw statementError('packed', `self attestation alg ${alg} is not the credential alg ${credentialAlgorithm}`);
  },
  trustPath: (attStmt) => (attStmt.has('x5c') ? { kind: 'x5c', chain: readX5c(attStmt, 'packed') } : { kind: 'self' }),
};
