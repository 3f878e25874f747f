import { X509Certificate } from 'node:crypto';
import { subjectKeyIdentifier } from '../../../src/core/passkeys/x509/subject-key-identifier.ts';
import { createAttestationPki } from '../../../src/testing/authenticator/attestation-identity.ts';
import type { TestAttestationPki } from '../../../src/testing/authenticator/attestation-identity.ts';
import { TestCertificateAuthority } from '../../../src/testing/authenticator/test-certificate-authority.ts';
import { metadataBlobEntry, signMetadataBlob } from '../../../src/testing/authenticator/test-metadata-blob.ts';

/** An authenticator model: its AAGUID as the metadata writes it and as authData carries it. */
export interface Model {
  readonly aaguid: string;
  readonly bytes: Uint8Array;
}

const model = (aaguid: string): Model => ({ aaguid, bytes: new Uint8Array(Buffer.from(aaguid.replace(/-/g, ''), 'hex')) });

/** The certified model whose full attestation the MDS cases and Resp-5 send. */
export const CERTIFIED = model('5157a5e2-0000-4000-8000-00000000c0de');
/** A model only the refused BLOBs describe (MDS F-1, F-3 … F-6). */
export const ORPHAN = model('5157a5e2-0000-4000-8000-0000000000f1');
/** One model per status that must block registration (MDS F-2 lists the first four). */
export const BLOCKED: ReadonlyArray<readonly [status: string, model: Model]> = [
  ['USER_VERIFICATION_BYPASS', model('5157a5e2-0000-4000-8000-0000000000b1')],
  ['ATTESTATION_KEY_COMPROMISE', model('5157a5e2-0000-4000-8000-0000000000b2')],
  ['USER_KEY_REMOTE_COMPROMISE', model('5157a5e2-0000-4000-8000-0000000000b3')],
  ['USER_KEY_PHYSICAL_COMPROMISE', model('5157a5e2-0000-4000-8000-0000000000b4')],
  ['REVOKED', model('5157a5e2-0000-4000-8000-0000000000b5')],
];

/** How a BLOB is broken, one per failing MDS case. */
export type BlobDefect = 'payload changed after signing' | 'signed by another key' | 'chain does not link' | 'intermediate revoked' | 'signer revoked';

/** The files a BLOB comes with: the BLOB, its root, and CRLs for its chain. */
export interface MetadataFiles {
  readonly blob: string;
  readonly root: Uint8Array;
  readonly crls: readonly Uint8Array[];
}

/**
 * Two test PKIs: an authenticator vendor's (root → attestation CA → attestation certificates,
 * plus a U2F certificate under the root) and a metadata service's (root → intermediate → BLOB
 * signer), with the BLOBs the FIDO metadata cases need.
 */
export class ConformancePki {
  readonly vendor: TestAttestationPki = createAttestationPki('Conformance Vendor');
  readonly #mdsRoot = TestCertificateAuthority.root('Conformance MDS Root');
  readonly #mdsIntermediate = this.#mdsRoot.intermediate('Conformance MDS Intermediate');
  readonly #signer = this.#mdsIntermediate.issue({ serial: 5001, subject: [['C', 'US'], ['O', 'Sigil Test'], ['CN', 'mds.conformance.sigil.test']] });

  #entries(withOrphan: boolean): Record<string, unknown>[] {
    const roots = [this.vendor.root.certificate];
    const u2fKeyId = Buffer.from(subjectKeyIdentifier(new X509Certificate(this.vendor.u2fIdentity.chain[0] as Uint8Array).publicKey)).toString('hex');
    return [
      metadataBlobEntry({ aaguid: CERTIFIED.aaguid, description: 'Sigil Conformance Key', roots, statuses: [{ status: 'FIDO_CERTIFIED_L1', effectiveDate: '2024-01-01' }] }),
      metadataBlobEntry({ keyIdentifiers: [u2fKeyId], description: 'Sigil Conformance U2F Key', roots, statuses: [{ status: 'FIDO_CERTIFIED', effectiveDate: '2024-01-01' }] }),
      ...BLOCKED.map(([status, m]) =>
        metadataBlobEntry({ aaguid: m.aaguid, description: `Sigil ${status} Key`, roots, statuses: [{ status: 'FIDO_CERTIFIED', effectiveDate: '2023-01-01' }, { status, effectiveDate: '2025-06-01' }] }),
      ),
      ...(withOrphan ? [metadataBlobEntry({ aaguid: ORPHAN.aaguid, description: 'Sigil Orphan Key', roots, statuses: [{ status: 'FIDO_CERTIFIED', effectiveDate: '2024-01-01' }] })] : []),
    ];
  }

  #payload(withOrphan: boolean, no = 1): Record<string, unknown> {
    return { legalHeader: 'Sigil conformance test metadata', no, nextUpdate: '2027-01-01', entries: this.#entries(withOrphan) };
  }

  #signed(payload: unknown, privateKey = this.#signer.privateKey, chain = [this.#signer.certificate, this.#mdsIntermediate.certificate]): Promise<string> {
    return signMetadataBlob(payload, { privateKey, chain });
  }

  /** The BLOB Sigil is started with: every model but the orphan. */
  async validBlob(): Promise<MetadataFiles> {
    return { blob: await this.#signed(this.#payload(false)), root: this.#mdsRoot.certificate, crls: [] };
  }

  /** A BLOB that lists the orphan too, broken as `defect` says. */
  async brokenBlob(defect: BlobDefect): Promise<MetadataFiles> {
    const payload = this.#payload(true);
    const files = { blob: await this.#signed(payload), root: this.#mdsRoot.certificate, crls: [] as Uint8Array[] };
    switch (defect) {
      case 'payload changed after signing': {
        const [header, , signature] = files.blob.split('.');
        return { ...files, blob: [header, Buffer.from(JSON.stringify(this.#payload(true, 2))).toString('base64url'), signature].join('.') };
      }
      case 'signed by another key':
        return { ...files, blob: await this.#signed(payload, this.#mdsIntermediate.issue({ serial: 5002 }).privateKey) };
      case 'chain does not link':
        return { ...files, blob: await this.#signed(payload, undefined, [this.#signer.certificate, TestCertificateAuthority.root('Foreign MDS Root').intermediate('Foreign MDS Intermediate').certificate]) };
      case 'intermediate revoked':
        return { ...files, crls: [this.#mdsRoot.revocationList([Number.parseInt(new X509Certificate(this.#mdsIntermediate.certificate).serialNumber, 16)])] };
      case 'signer revoked':
        return { ...files, crls: [this.#mdsIntermediate.revocationList([this.#signer.serial])] };
    }
  }
}
