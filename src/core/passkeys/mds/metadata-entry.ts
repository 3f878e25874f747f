import { DomainError } from '../../errors.ts';
import { isJsonObject } from '../response-fields.ts';
import type { JsonObject } from '../response-fields.ts';

export interface StatusReport {
  readonly status: string;
  /** ISO date (YYYY-MM-DD) from which the status applies, when given. */
  readonly effectiveDate: string | null;
}

/** The parts of a FIDO MDS3 metadata BLOB entry that registration uses (FIDO MDS 3.0 §3.1.1). */
export interface MetadataEntry {
  /** Lower-case, hyphenated, for FIDO2 authenticators. */
  readonly aaguid: string | null;
  /** Lower-case hex subject key identifiers of U2F attestation certificates. */
  readonly attestationCertificateKeyIdentifiers: readonly string[];
  readonly description: string | null;
  /** The model's icon as the statement gives it (a `data:` URI), when it has one. */
  readonly icon: string | null;
  /** DER trust anchors for this authenticator's attestation chains. */
  readonly attestationRootCertificates: readonly Uint8Array[];
  /** `ALG_SIGN_*` names in their JSON form, e.g. `secp256r1_ecdsa_sha256_raw`. */
  readonly authenticationAlgorithms: readonly string[];
  readonly attestationTypes: readonly string[];
  readonly statusReports: readonly StatusReport[];
}

function invalid(detail: string): DomainError {
  return new DomainError('attestation_untrusted', { detail: `metadata BLOB: ${detail}` });
}

function strings(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw invalid(`${what} is not a list of strings`);
  return value;
}

/** Metadata certificates are standard base64 DER; some statements wrap them in whitespace. */
function certificate(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw invalid('attestationRootCertificates holds non-base64 text');
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

function statusReports(value: unknown): StatusReport[] {
  if (!Array.isArray(value)) throw invalid('statusReports is not a list');
  return value.map((report: unknown) => {
    if (!isJsonObject(report) || typeof report['status'] !== 'string') throw invalid('a status report has no status');
    const effectiveDate = report['effectiveDate'];
    return { status: report['status'], effectiveDate: typeof effectiveDate === 'string' ? effectiveDate : null };
  });
}

/** Reads one `entries[]` member of a BLOB payload. */
export function readMetadataEntry(entry: unknown): MetadataEntry {
  if (!isJsonObject(entry)) throw invalid('an entry is not an object');
  const statement: JsonObject = isJsonObject(entry['metadataStatement']) ? entry['metadataStatement'] : {};
  const aaguid = entry['aaguid'];
  if (aaguid !== undefined && typeof aaguid !== 'string') throw invalid('an entry aaguid is not a string');
  const description = statement['description'];
  return {
    aaguid: aaguid === undefined ? null : aaguid.toLowerCase(),
    attestationCertificateKeyIdentifiers: strings(entry['attestationCertificateKeyIdentifiers'], 'attestationCertificateKeyIdentifiers').map((id) => id.toLowerCase()),
    description: typeof description === 'string' ? description : null,
    icon: typeof statement['icon'] === 'string' && statement['icon'].startsWith('data:image/') ? statement['icon'] : null,
    attestationRootCertificates: strings(statement['attestationRootCertificates'], 'attestationRootCertificates').map(certificate),
    authenticationAlgorithms: strings(statement['authenticationAlgorithms'], 'authenticationAlgorithms'),
    attestationTypes: strings(statement['attestationTypes'], 'attestationTypes'),
    statusReports: statusReports(entry['statusReports']),
  };
}
