import { readX5c, requireAlgAndSig, statementError } from './attestation-format.ts';
import type { AttestationFormat } from './attestation-format.ts';

/** §8.3 `tpm`: an AIK certificate chain; the TPM structures are the library's to check. */
export const tpmFormat: AttestationFormat = {
  fmt: 'tpm',
  precheck({ attStmt }) {
    if (attStmt.get('ver') !== '2.0') throw statementError('tpm', 'attStmt.ver is not "2.0"');
    requireAlgAndSig(attStmt, 'tpm');
    readX5c(attStmt, 'tpm');
    for (const member of ['certInfo', 'pubArea']) {
      const value = attStmt.get(member);
      if (!(value instanceof Uint8Array) || value.byteLength === 0) throw statementError('tpm', `attStmt.${member} is missing or empty`);
    }
  },
  trustPath: (attStmt) => ({ kind: 'x5c', chain: readX5c(attStmt, 'tpm') }),
};
