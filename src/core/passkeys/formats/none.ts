import { statementError } from './attestation-format.ts';
import type { AttestationFormat } from './attestation-format.ts';

/** §8.7 `none`: the statement must be an empty map (FIDO Resp-7 F-1: full packed relabelled none). */
export const noneFormat: AttestationFormat = {
  fmt: 'none',
  precheck({ attStmt }) {
    if (attStmt.size > 0) throw statementError('none', 'attStmt is not empty');
  },
  trustPath: () => ({ kind: 'none' }),
};
