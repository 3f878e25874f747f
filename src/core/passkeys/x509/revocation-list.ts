import { verify } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import { decodeOid, decodeTime, DerError, readChildren, readSequence } from './der-reader.ts';
import type { DerElement } from './der-reader.ts';

/** A parsed X.509 CRL (RFC 5280 §5): what revocation checks need, plus what its signature covers. */
export interface RevocationList {
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  /** Revoked serial numbers as upper-case hex without leading zeros. */
  readonly revokedSerials: ReadonlySet<string>;
  readonly thisUpdate: number;
  readonly nextUpdate: number | null;
}

/** Signature algorithm OIDs a CRL may use, with the digest node:crypto verifies with. */
const DIGESTS = new Map<string, string | null>([
  ['1.2.840.113549.1.1.5', 'sha1'],
  ['1.2.840.113549.1.1.11', 'sha256'],
  ['1.2.840.113549.1.1.12', 'sha384'],
  ['1.2.840.113549.1.1.13', 'sha512'],
  ['1.2.840.10045.4.3.2', 'sha256'],
  ['1.2.840.10045.4.3.3', 'sha384'],
  ['1.2.840.10045.4.3.4', 'sha512'],
  ['1.3.101.112', null],
]);

/** Serial numbers compared as upper-case hex without leading zeros (node prints them padded). */
export function normalizeSerial(hex: string): string {
  return hex.toUpperCase().replace(/^0+(?=.)/, '');
}

function at(children: readonly DerElement[], index: number, what: string): DerElement {
  const element = children[index];
  if (element === undefined) throw new DerError(`CRL ${what} is missing`);
  return element;
}

function readRevoked(element: DerElement | undefined): Set<string> {
  const serials = new Set<string>();
  if (element === undefined || element.tag !== 0x30) return serials;
  for (const entry of readChildren(element.value)) {
    const serial = at(readChildren(entry.value), 0, 'entry serial');
    serials.add(normalizeSerial(Buffer.from(serial.value).toString('hex')));
  }
  return serials;
}

/** Parses a DER CRL. Throws `DerError` when it is not one. */
export function parseRevocationList(der: Uint8Array): RevocationList {
  const [tbsElement, algorithm, signatureValue] = readSequence(der, 'CRL');
  if (tbsElement === undefined || algorithm === undefined || signatureValue?.tag !== 0x03) throw new DerError('CRL is not tbs, algorithm, signature');
  const tbs = readChildren(tbsElement.value);
  let index = tbs[0]?.tag === 0x02 ? 1 : 0; // optional version
  index += 2; // signature algorithm, issuer
  const thisUpdate = decodeTime(at(tbs, index++, 'thisUpdate'));
  const maybeNext = tbs[index];
  const nextUpdate = maybeNext !== undefined && (maybeNext.tag === 0x17 || maybeNext.tag === 0x18) ? decodeTime(maybeNext) : null;
  if (nextUpdate !== null) index++;
  const algorithmOid = readChildren(algorithm.value)[0];
  if (algorithmOid?.tag !== 0x06) throw new DerError('CRL signature algorithm has no OID');
  return {
    tbs: tbsElement.raw,
    signatureAlgorithm: decodeOid(algorithmOid.value),
    signature: signatureValue.value.subarray(1),
    revokedSerials: readRevoked(tbs[index]),
    thisUpdate,
    nextUpdate,
  };
}

/** Whether `issuer`'s key signed this CRL: the only way a CRL is tied to a CA here. */
export function isSignedBy(list: RevocationList, issuer: X509Certificate): boolean {
  const digest = DIGESTS.get(list.signatureAlgorithm);
  if (digest === undefined) return false;
  try {
    return verify(digest, list.tbs, issuer.publicKey, list.signature);
  } catch {
    return false;
  }
}

/** Revoked by any of `lists` that `issuer` signed. */
export function isRevoked(certificate: X509Certificate, issuer: X509Certificate, lists: readonly RevocationList[]): boolean {
  const serial = normalizeSerial(certificate.serialNumber);
  return lists.some((list) => list.revokedSerials.has(serial) && isSignedBy(list, issuer));
}
