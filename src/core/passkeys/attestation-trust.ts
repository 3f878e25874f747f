import { X509Certificate } from 'node:crypto';
import type { AttestationTrust } from '../credential.ts';
import { DomainError } from '../errors.ts';
import type { TrustPath } from './formats/attestation-format.ts';
import { isBlocked, latestStatusReport } from './mds/authenticator-status.ts';
import type { MetadataSource } from './mds/metadata-catalog.ts';
import type { MetadataEntry } from './mds/metadata-entry.ts';
import { metadataAllowsAlgorithm } from './mds/metadata-algorithms.ts';
import { parseRevocationList } from './x509/revocation-list.ts';
import type { RevocationList } from './x509/revocation-list.ts';
import { subjectKeyIdentifier } from './x509/subject-key-identifier.ts';
import { verifyCertificatePath } from './x509/verify-certificate-path.ts';

/**
 * How attestation chains are judged. Anchors come, in this order, from the authenticator's
 * metadata entry when there is one, else from `roots[fmt]` (start-up loads Sigil's defaults
 * there: Apple for `apple`, Google hardware roots for `android-key`, GlobalSign for
 * `android-safetynet`; `packed`, `tpm` and `fido-u2f` have none).
 */
export interface AttestationTrustPolicy {
  /** Verification time for certificate validity (ms since the epoch). */
  readonly now: number;
  /** DER trust anchors per `fmt`; an empty list means "none configured" for that format. */
  readonly roots?: Readonly<Partial<Record<string, readonly Uint8Array[]>>>;
  /** Verified FIDO metadata; see `mds/load-metadata-blob.ts`. */
  readonly metadata?: MetadataSource;
  /** DER CRLs for attestation CAs. Nothing is downloaded. */
  readonly revocationLists?: readonly Uint8Array[];
}

export interface TrustContext {
  readonly fmt: string;
  /** Hyphenated lower-case AAGUID. */
  readonly aaguid: string;
  readonly credentialAlgorithm: number;
}

export interface TrustOutcome {
  readonly trust: AttestationTrust;
  readonly metadata: MetadataEntry | null;
}

const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

function parseChain(chain: readonly Uint8Array[], fmt: string): X509Certificate[] {
  try {
    return chain.map((der) => new X509Certificate(der));
  } catch (error) {
    throw new DomainError('attestation_invalid', { detail: `${fmt}: x5c holds an unreadable certificate`, cause: error });
  }
}

function findMetadata(source: MetadataSource | undefined, context: TrustContext, leaf: X509Certificate | undefined): MetadataEntry | null {
  if (source === undefined) return null;
  if (context.aaguid !== ZERO_AAGUID) return source.findByAaguid(context.aaguid) ?? null;
  if (leaf === undefined) return null;
  return source.findByKeyIdentifier(Buffer.from(subjectKeyIdentifier(leaf.publicKey)).toString('hex')) ?? null;
}

function checkMetadata(entry: MetadataEntry, context: TrustContext): void {
  if (isBlocked(entry)) {
    throw new DomainError('authenticator_not_allowed', { detail: `metadata status ${latestStatusReport(entry)?.status} for ${context.aaguid}` });
  }
  if (!metadataAllowsAlgorithm(entry, context.credentialAlgorithm)) {
    throw new DomainError('attestation_invalid', { detail: `metadata does not list COSE alg ${context.credentialAlgorithm} for ${context.aaguid}` });
  }
}

function anchorsFor(entry: MetadataEntry | null, fmt: string, policy: AttestationTrustPolicy): X509Certificate[] {
  const der = entry?.attestationRootCertificates ?? policy.roots?.[fmt] ?? [];
  return parseChain(der, `${fmt} trust anchors`);
}

/**
 * Judges where an attestation's trust leads. `none` and `self` say so. An x5c chain must be
 * internally valid at `policy.now` (validity periods, issuer signatures, CA flags, CRLs); then it
 * is `trusted` when it reaches an anchor, `untrusted` when no anchor is configured for it, and
 * refused (`attestation_untrusted`) when anchors exist but it does not reach them. An
 * authenticator whose metadata status blocks it is refused (`authenticator_not_allowed`).
 */
export function evaluateAttestationTrust(path: TrustPath, context: TrustContext, policy: AttestationTrustPolicy): TrustOutcome {
  const chain = path.kind === 'x5c' ? parseChain(path.chain, context.fmt) : [];
  const metadata = findMetadata(policy.metadata, context, chain[0]);
  if (metadata !== null) checkMetadata(metadata, context);
  if (path.kind !== 'x5c') return { trust: path.kind, metadata };
  const revocationLists: RevocationList[] = (policy.revocationLists ?? []).map((crl) => parseRevocationList(crl));
  const outcome = verifyCertificatePath(chain, { at: policy.now, anchors: anchorsFor(metadata, context.fmt, policy), revocationLists });
  if (outcome.status === 'invalid') throw new DomainError('attestation_untrusted', { detail: `${context.fmt}: ${outcome.reason}` });
  return { trust: outcome.status === 'anchored' ? 'trusted' : 'untrusted', metadata };
}
