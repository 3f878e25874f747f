import { readX5c, requireSig, statementError } from './attestation-format.ts';
import type { AttestationFormat } from './attestation-format.ts';

/**
 * §8.6 `fido-u2f`. U2F devices have no AAGUID, so the authenticator data must carry zeros
 * (FIDO Resp-8 F-1); the credential key must be P-256 (ES256); x5c holds exactly one certificate.
 */
export const fidoU2fFormat: AttestationFormat = {
  fmt: 'fido-u2f',
  precheck({ attStmt, authData, credentialAlgorithm }) {
    requireSig(attStmt, 'fido-u2f');
    if (readX5c(attStmt, 'fido-u2f').length !== 1) throw statementError('fido-u2f', 'x5c must hold exactly one certificate');
    if (authData.attestedCredential?.aaguid.some((byte) => byte !== 0) === true) throw statementError('fido-u2f', 'AAGUID is not zero');
    if (credentialAlgorithm !== -7) throw statementError('fido-u2f', `credential alg ${credentialAlgorithm} is not ES256`);
  },
  trustPath: (attStmt) => ({ kind: 'x5c', chain: readX5c(attStmt, 'fido-u2f') }),
};
