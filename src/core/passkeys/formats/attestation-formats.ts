import { androidKeyFormat } from './android-key.ts';
import { androidSafetyNetFormat } from './android-safetynet.ts';
import { appleFormat } from './apple.ts';
import type { AttestationFormat } from './attestation-format.ts';
import { fidoU2fFormat } from './fido-u2f.ts';
import { noneFormat } from './none.ts';
import { packedFormat } from './packed.ts';
import { tpmFormat } from './tpm.ts';

/** The attestation statement formats Sigil accepts, by their `fmt` (WebAuthn L3 §8). */
const FORMATS: ReadonlyMap<string, AttestationFormat> = new Map(
  [noneFormat, packedFormat, tpmFormat, androidKeyFormat, androidSafetyNetFormat, fidoU2fFormat, appleFormat].map((format) => [format.fmt, format]),
);

export function findAttestationFormat(fmt: string): AttestationFormat | undefined {
  return FORMATS.get(fmt);
}
