import { DerError, readChildren, readSequence } from '../x509/der-reader.ts';
import type { DerElement } from '../x509/der-reader.ts';

/** The Android Keystore attestation extension (the key description). */
export const KEY_DESCRIPTION_OID = '1.3.6.1.4.1.11129.2.1.17';

/** The members of an `AuthorizationList` that WebAuthn §8.4 judges. */
export interface AuthorizationList {
  /** `purpose [1] EXPLICIT SET OF INTEGER`. */
  readonly purposes: readonly number[];
  /** `allApplications [600] EXPLICIT NULL` is present. */
  readonly allApplications: boolean;
  /** `origin [702] EXPLICIT INTEGER`, when present. */
  readonly origin: number | null;
}

export interface KeyDescription {
  readonly attestationChallenge: Uint8Array;
  readonly softwareEnforced: AuthorizationList;
  /** `teeEnforced` in Keymaster, `hardwareEnforced` in KeyMint: the same position. */
  readonly teeEnforced: AuthorizationList;
}

const CONTEXT_CONSTRUCTED = 0xa0;

function readInteger(element: DerElement | undefined, what: string): number {
  if (element?.tag !== 0x02 || element.value.byteLength === 0 || element.value.byteLength > 6) throw new DerError(`${what} is not a small INTEGER`);
  let value = 0;
  for (const byte of element.value) value = value * 256 + byte;
  return value;
}

/** The explicit wrapper `[n]` of an AuthorizationList member, whatever the tag number's form. */
function member(list: readonly DerElement[], tagNumber: number): DerElement | undefined {
  return list.find((element) => (element.tag & 0xe0) === CONTEXT_CONSTRUCTED && element.tagNumber === tagNumber);
}

function readAuthorizationList(element: DerElement | undefined, what: string): AuthorizationList {
  if (element?.tag !== 0x30) throw new DerError(`${what} is not a SEQUENCE`);
  const members = readChildren(element.value);
  const purposeSet = member(members, 1);
  const purposes = purposeSet === undefined ? [] : readChildren(readChildren(purposeSet.value)[0]?.value ?? new Uint8Array(0)).map((p) => readInteger(p, `${what} purpose`));
  const origin = member(members, 702);
  return {
    purposes,
    allApplications: member(members, 600) !== undefined,
    origin: origin === undefined ? null : readInteger(readChildren(origin.value)[0], `${what} origin`),
  };
}

/**
 * Parses the key description (Android "Key and ID attestation" schema, all versions share the
 * first eight members): attestationVersion, attestationSecurityLevel, keymaster/keyMintVersion,
 * its security level, attestationChallenge, uniqueId, softwareEnforced, tee/hardwareEnforced.
 * Throws `DerError` when the extension is not of that shape.
 */
export function parseKeyDescription(extension: Uint8Array): KeyDescription {
  const fields = readSequence(extension, 'key description');
  const challenge = fields[4];
  if (challenge?.tag !== 0x04) throw new DerError('attestationChallenge is not an OCTET STRING');
  return {
    attestationChallenge: challenge.value,
    softwareEnforced: readAuthorizationList(fields[6], 'softwareEnforced'),
    teeEnforced: readAuthorizationList(fields[7], 'teeEnforced'),
  };
}
