import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { subjectKeyIdentifier } from '../../core/passkeys/x509/subject-key-identifier.ts';
import { bitString, boolean, explicit, integer, nullValue, octetString, oid, printableString, sequence, set, time, utf8String } from './der.ts';

/** Distinguished-name attributes in order, e.g. `[['C', 'US'], ['CN', 'Test Root']]`. */
export type NameAttributes = ReadonlyArray<readonly [name: 'C' | 'O' | 'OU' | 'CN', value: string]>;

export interface CertificateSpec {
  readonly subject: NameAttributes;
  readonly issuer: NameAttributes;
  readonly serial: number | Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: KeyObject;
  /** The issuer's private key (the subject's own for a self-signed certificate). */
  readonly signingKey: KeyObject;
  readonly issuerPublicKey: KeyObject;
  readonly ca: boolean;
  /** FIDO `id-fido-gen-ce-aaguid` extension value (16 bytes). */
  readonly aaguid?: Uint8Array;
  /** Further non-critical extensions, e.g. Android's key description (`value` is the extnValue's content). */
  readonly extensions?: readonly { readonly id: string; readonly value: Uint8Array }[];
}

const ATTRIBUTE_OIDS = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' } as const;

function name(attributes: NameAttributes): Uint8Array {
  return sequence(
    ...attributes.map(([key, value]) => set(sequence(oid(ATTRIBUTE_OIDS[key]), key === 'C' ? printableString(value) : utf8String(value)))),
  );
}

/** Signature AlgorithmIdentifier and the digest node:crypto signs with, by key type. */
function signatureAlgorithm(key: KeyObject): { identifier: Uint8Array; digest: string | null } {
  switch (key.asymmetricKeyType) {
    case 'ec':
      return { identifier: sequence(oid('1.2.840.10045.4.3.2')), digest: 'sha256' };
    case 'rsa':
      return { identifier: sequence(oid('1.2.840.113549.1.1.11'), nullValue()), digest: 'sha256' };
    case 'ed25519':
      return { identifier: sequence(oid('1.3.101.112')), digest: null };
    default:
      throw new Error(`cannot sign certificates with a ${key.asymmetricKeyType} key`);
  }
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

function extensions(spec: CertificateSpec): Uint8Array {
  const list = [
    extension('2.5.29.19', true, spec.ca ? sequence(boolean(true)) : sequence()),
    extension('2.5.29.14', false, octetString(subjectKeyIdentifier(spec.publicKey))),
    extension('2.5.29.35', false, sequence(Uint8Array.of(0x80, 20, ...subjectKeyIdentifier(spec.issuerPublicKey)))),
  ];
  if (spec.ca) list.push(extension('2.5.29.15', true, Uint8Array.of(0x03, 0x02, 0x01, 0x06))); // keyCertSign, cRLSign
  if (spec.aaguid !== undefined) list.push(extension('1.3.6.1.4.1.45724.1.1.4', false, octetString(spec.aaguid)));
  for (const { id, value } of spec.extensions ?? []) list.push(extension(id, false, value));
  return explicit(3, sequence(...list));
}

/** Builds and signs an X.509 v3 certificate; returns its DER. */
export function issueCertificate(spec: CertificateSpec): Uint8Array {
  const { identifier, digest } = signatureAlgorithm(spec.signingKey);
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(spec.serial),
    identifier,
    name(spec.issuer),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    name(spec.subject),
    new Uint8Array(spec.publicKey.export({ type: 'spki', format: 'der' })),
    extensions(spec),
  );
  return sequence(tbs, identifier, bitString(new Uint8Array(sign(digest, tbs, spec.signingKey))));
}

/** A v2 CRL issued by `issuer`, listing `serials` as revoked at `thisUpdate`. */
export function issueRevocationList(issuer: NameAttributes, signingKey: KeyObject, serials: readonly (number | Uint8Array)[], thisUpdate: Date, nextUpdate: Date): Uint8Array {
  const { identifier, digest } = signatureAlgorithm(signingKey);
  const revoked = serials.map((serial) => sequence(integer(serial), time(thisUpdate)));
  const tbs = sequence(integer(1), identifier, name(issuer), time(thisUpdate), time(nextUpdate), ...(revoked.length > 0 ? [sequence(...revoked)] : []));
  return sequence(tbs, identifier, bitString(new Uint8Array(sign(digest, tbs, signingKey))));
}
