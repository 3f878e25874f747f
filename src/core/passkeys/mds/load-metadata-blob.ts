import { X509Certificate } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { DomainError } from '../../errors.ts';
import { isJsonObject } from '../response-fields.ts';
import { parseRevocationList } from '../x509/revocation-list.ts';
import { verifyCertificatePath } from '../x509/verify-certificate-path.ts';
import { MetadataCatalog } from './metadata-catalog.ts';
import { readMetadataEntry } from './metadata-entry.ts';

export interface MetadataBlobPolicy {
  /** DER trust anchors for the BLOB signer (for the FIDO Alliance MDS: GlobalSign Root CA - R3). */
  readonly roots: readonly Uint8Array[];
  /** Verification time (ms since the epoch): every certificate in the chain must be valid then. */
  readonly at: number;
  /** DER CRLs of the CAs in the signer's chain; a certificate listed by its issuer's CRL is refused. */
  readonly revocationLists?: readonly Uint8Array[];
}

/** Algorithms a BLOB may be signed with (FIDO MDS 3.0 §3.1.7 names RS256, ES256 and friends). */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function invalid(detail: string, cause?: unknown): DomainError {
  return new DomainError('attestation_untrusted', { detail: `metadata BLOB: ${detail}`, cause });
}

function attempt<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw error instanceof DomainError ? error : invalid(`${what}: ${(error as Error).message}`, error);
  }
}

function signerChain(jwt: string): X509Certificate[] {
  const header = attempt('protected header', () => decodeProtectedHeader(jwt));
  const x5c = header.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0) throw invalid('the header has no x5c certificate chain');
  return x5c.map((certificate) => attempt('x5c', () => new X509Certificate(Buffer.from(certificate, 'base64'))));
}

function readPayload(bytes: Uint8Array): MetadataCatalog {
  const payload: unknown = attempt('payload', () => JSON.parse(new TextDecoder().decode(bytes)));
  if (!isJsonObject(payload)) throw invalid('the payload is not an object');
  const { no, nextUpdate, entries } = payload;
  if (typeof no !== 'number' || !Number.isInteger(no)) throw invalid('payload.no is not an integer');
  if (typeof nextUpdate !== 'string') throw invalid('payload.nextUpdate is not a string');
  if (!Array.isArray(entries)) throw invalid('payload.entries is not a list');
  return new MetadataCatalog(no, nextUpdate, entries.map(readMetadataEntry));
}

/**
 * Verifies a FIDO Metadata Service BLOB (a JWS, FIDO MDS 3.0 §3.2) offline and indexes its
 * entries: the x5c chain in the header must lead to one of `policy.roots`, valid at `policy.at`
 * and not revoked by a supplied CRL; the JWS signature must verify with the leaf's key. Any
 * failure is `attestation_untrusted`: nothing from an unverified BLOB is used.
 *
 * CRLs are taken as the operator supplies them: one that its issuer's key signed counts whatever
 * its thisUpdate/nextUpdate say, because a listed serial stays revoked and an offline server
 * cannot fetch a fresher list.
 */
export async function loadMetadataBlob(jwt: string, policy: MetadataBlobPolicy): Promise<MetadataCatalog> {
  if (policy.roots.length === 0) throw invalid('no trust anchor configured');
  const chain = signerChain(jwt.trim());
  const anchors = policy.roots.map((root) => attempt('root certificate', () => new X509Certificate(root)));
  const revocationLists = (policy.revocationLists ?? []).map((crl) => attempt('CRL', () => parseRevocationList(crl)));
  const outcome = verifyCertificatePath(chain, { at: policy.at, anchors, revocationLists });
  if (outcome.status !== 'anchored') throw invalid(outcome.status === 'invalid' ? outcome.reason : 'signer chain is not anchored');
  const leaf = chain[0] as X509Certificate;
  let verified: Uint8Array;
  try {
    verified = (await compactVerify(jwt.trim(), leaf.publicKey, { algorithms: ALGORITHMS })).payload;
  } catch (error) {
    throw invalid(`signature: ${(error as Error).message}`, error);
  }
  return readPayload(verified);
}
