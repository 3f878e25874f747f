import { readX5c, requireAlgAndSig } from './attestation-format.ts';
import type { AttestationFormat } from './attestation-format.ts';

/** §8.4 `android-key`: a Keystore attestation chain; the key-description extension is the library's to check. */
export const androidKeyFormat: AttestationFormat = {
  fmt: 'android-key',
  precheck({ attStmt }) {
    requireAlgAndSig(attStmt, 'android-key');
    readX5c(attStmt, 'android-key');
  },
  trustPath: (attStmt) => ({ kind: 'x5c', chain: readX5c(attStmt, 'android-key') }),
};
