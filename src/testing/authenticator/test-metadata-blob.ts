import type { KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';

export interface BlobSigner {
  readonly privateKey: KeyObject;
  /** The signer's certificate first, then its issuers (DER), as the JWS x5c header carries them. */
  readonly chain: readonly Uint8Array[];
  /** JWS algorithm matching the key (ES256 for the P-256 keys the test CA makes). */
  readonly alg?: string;
}

/** A FIDO MDS3-shaped BLOB: a compact JWS over the JSON payload with x5c in the header. */
export async function signMetadataBlob(payload: unknown, signer: BlobSigner): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: signer.alg ?? 'ES256', typ: 'JWT', x5c: signer.chain.map((der) => Buffer.from(der).toString('base64')) })
    .sign(signer.privateKey);
}

/** A payload entry for an authenticator model, in the MDS3 JSON shape. */
export function metadataBlobEntry(model: { aaguid?: string; keyIdentifiers?: string[]; description: string; roots: Uint8Array[]; statuses: { status: string; effectiveDate?: string }[] }): Record<string, unknown> {
  return {
    ...(model.aaguid === undefined ? {} : { aaguid: model.aaguid }),
    ...(model.keyIdentifiers === undefined ? {} : { attestationCertificateKeyIdentifiers: model.keyIdentifiers }),
    metadataStatement: {
      description: model.description,
      authenticationAlgorithms: ['secp256r1_ecdsa_sha256_raw'],
      attestationTypes: ['basic_full'],
      attestationRootCertificates: model.roots.map((der) => Buffer.from(der).toString('base64')),
    },
    statusReports: model.statuses,
    timeOfLastStatusChange: '2024-01-01',
  };
}
