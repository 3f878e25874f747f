import { readX5c } from './attestation-format.ts';
import type { AttestationFormat } from './attestation-format.ts';

/** §8.8 `apple` anonymous attestation: a credential certificate chained to Apple's root. */
export const appleFormat: AttestationFormat = {
  fmt: 'apple',
  precheck({ attStmt }) {
    readX5c(attStmt, 'apple');
  },
  trustPath: (attStmt) => ({ kind: 'x5c', chain: readX5c(attStmt, 'apple') }),
};
