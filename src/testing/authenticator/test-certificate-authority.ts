import { X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createCredentialKey } from './credential-key.ts';
import { issueCertificate, issueRevocationList } from './test-certificate.ts';
import type { NameAttributes } from './test-certificate.ts';

export interface IssueOptions {
  readonly subject?: NameAttributes;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly serial?: number;
  /** Key of the new certificate; a seeded P-256 key by default. */
  readonly key?: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  readonly aaguid?: Uint8Array;
}

export interface IssuedCertificate {
  readonly certificate: Uint8Array;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly serial: number;
}

const DEFAULT_NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const DEFAULT_NOT_AFTER = new Date('2045-01-01T00:00:00Z');

/** The subject WebAuthn §8.2.1 requires of a packed attestation certificate. */
export const ATTESTATION_SUBJECT: NameAttributes = [
  ['C', 'US'],
  ['O', 'Sigil Test Authenticators'],
  ['OU', 'Authenticator Attestation'],
  ['CN', 'Sigil Software Authenticator'],
];

/**
 * A certificate authority for tests: a P-256 root (or an intermediate under another authority)
 * that issues attestation and signing certificates and CRLs. Keys are seeded, so the public keys
 * are stable across runs; ECDSA signatures are not, so certificate bytes differ run to run.
 */
export class TestCertificateAuthority {
  readonly name: NameAttributes;
  readonly certificate: Uint8Array;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  #nextSerial = 1000;

  private constructor(name: NameAttributes, certificate: Uint8Array, key: { privateKey: KeyObject; publicKey: KeyObject }) {
    this.name = name;
    this.certificate = certificate;
    this.privateKey = key.privateKey;
    this.publicKey = key.publicKey;
  }

  /** A self-signed root. */
  static root(commonName = 'Sigil Test Root CA', options: Pick<IssueOptions, 'notBefore' | 'notAfter'> = {}): TestCertificateAuthority {
    const name: NameAttributes = [['C', 'US'], ['O', 'Sigil Test'], ['CN', commonName]];
    const key = createCredentialKey(-7, `ca:${commonName}`);
    const certificate = issueCertificate({
      subject: name,
      issuer: name,
      serial: 1,
      notBefore: options.notBefore ?? DEFAULT_NOT_BEFORE,
      notAfter: options.notAfter ?? DEFAULT_NOT_AFTER,
      publicKey: key.publicKey,
      signingKey: key.privateKey,
      issuerPublicKey: key.publicKey,
      ca: true,
    });
    return new TestCertificateAuthority(name, certificate, key);
  }

  /** An intermediate CA signed by this one. */
  intermediate(commonName: string, options: Pick<IssueOptions, 'notBefore' | 'notAfter'> = {}): TestCertificateAuthority {
    const name: NameAttributes = [['C', 'US'], ['O', 'Sigil Test'], ['CN', commonName]];
    const key = createCredentialKey(-7, `ca:${commonName}`);
    const issued = this.#issue(name, key, true, options);
    return new TestCertificateAuthority(name, issued.certificate, key);
  }

  /** An end-entity certificate (attestation subject by default). */
  issue(options: IssueOptions = {}): IssuedCertificate {
    const key = options.key ?? createCredentialKey(-7, `leaf:${options.serial ?? this.#nextSerial}:${this.name.at(-1)?.[1]}`);
    return this.#issue(options.subject ?? ATTESTATION_SUBJECT, key, false, options);
  }

  /** A CRL from this authority revoking `serials`. */
  revocationList(serials: readonly number[], thisUpdate = new Date('2021-01-01T00:00:00Z'), nextUpdate = new Date('2044-01-01T00:00:00Z')): Uint8Array {
    return issueRevocationList(this.name, this.privateKey, serials, thisUpdate, nextUpdate);
  }

  get x509(): X509Certificate {
    return new X509Certificate(this.certificate);
  }

  #issue(subject: NameAttributes, key: { privateKey: KeyObject; publicKey: KeyObject }, ca: boolean, options: IssueOptions): IssuedCertificate {
    const serial = options.serial ?? this.#nextSerial++;
    const certificate = issueCertificate({
      subject,
      issuer: this.name,
      serial,
      notBefore: options.notBefore ?? DEFAULT_NOT_BEFORE,
      notAfter: options.notAfter ?? DEFAULT_NOT_AFTER,
      publicKey: key.publicKey,
      signingKey: this.privateKey,
      issuerPublicKey: this.publicKey,
      ca,
      ...(options.aaguid === undefined ? {} : { aaguid: options.aaguid }),
    });
    return { certificate, privateKey: key.privateKey, publicKey: key.publicKey, serial };
  }
}
