import type { X509Certificate } from 'node:crypto';
import { isCertificateAuthority } from './certificate-authority-flags.ts';
import { isRevoked } from './revocation-list.ts';
import type { RevocationList } from './revocation-list.ts';

export interface PathPolicy {
  /** Verification time, ms since the epoch. */
  readonly at: number;
  /** Trust anchors. Empty: the chain is checked for internal consistency only. */
  readonly anchors: readonly X509Certificate[];
  /** CRLs to consult; each counts only for the CA whose key signed it. */
  readonly revocationLists?: readonly RevocationList[];
}

export type PathOutcome =
  | { readonly status: 'anchored'; readonly anchor: X509Certificate }
  | { readonly status: 'unanchored' }
  | { readonly status: 'invalid'; readonly reason: string };

function describe(certificate: X509Certificate): string {
  // TPM attestation certificates have an empty subject, which node reports as undefined.
  const subject = (certificate.subject as string | undefined) ?? '';
  return `${JSON.stringify(subject.replace(/\n/g, ', '))} (serial ${certificate.serialNumber})`;
}

function validAt(certificate: X509Certificate, at: number): boolean {
  return certificate.validFromDate.getTime() <= at && at <= certificate.validToDate.getTime();
}

/**
 * `issuer` issued `subject`: names chain, the issuer may act as a CA, and its key signed the
 * certificate. Key identifiers are not compared; they only help find an issuer, and the
 * signature is the proof. (OpenSSL's checkIssued would also refuse certificates whose
 * authorityKeyIdentifier it cannot parse; see `isCertificateAuthority`.)
 */
function issues(issuer: X509Certificate, subject: X509Certificate): boolean {
  return subject.issuer === issuer.subject && isCertificateAuthority(issuer) && subject.verify(issuer.publicKey);
}

function findAnchor(last: X509Certificate, policy: PathPolicy): X509Certificate | undefined {
  return policy.anchors.find((anchor) => validAt(anchor, policy.at) && (anchor.raw.equals(last.raw) || issues(anchor, last)));
}

/**
 * Validates a certificate path given leaf first, each certificate issued by the next (RFC 5280
 * §6.1, without policy or name constraints): every certificate inside its validity period at
 * `policy.at`, every issuer a CA whose key signed the certificate below it, no certificate
 * revoked by a supplied CRL. With anchors, the last certificate must be one of them or be issued
 * by one; without, the outcome is `unanchored` — consistent, but trusted by nobody.
 */
export function verifyCertificatePath(path: readonly X509Certificate[], policy: PathPolicy): PathOutcome {
  if (path.length === 0) return { status: 'invalid', reason: 'empty certificate path' };
  if (new Set(path.map((certificate) => certificate.fingerprint256)).size !== path.length) {
    return { status: 'invalid', reason: 'certificate path repeats a certificate' };
  }
  for (const [index, certificate] of path.entries()) {
    if (!validAt(certificate, policy.at)) {
      return { status: 'invalid', reason: `certificate ${index} ${describe(certificate)} is not valid at ${new Date(policy.at).toISOString()}` };
    }
    const issuer = path[index + 1];
    if (issuer !== undefined && !issues(issuer, certificate)) {
      return { status: 'invalid', reason: `certificate ${index} ${describe(certificate)} is not issued by the next one in the path` };
    }
  }
  const last = path[path.length - 1] as X509Certificate;
  const anchor = policy.anchors.length === 0 ? undefined : findAnchor(last, policy);
  if (policy.anchors.length > 0 && anchor === undefined) return { status: 'invalid', reason: 'certificate path does not lead to a trust anchor' };
  const lists = policy.revocationLists ?? [];
  for (const [index, certificate] of path.entries()) {
    const issuer = path[index + 1] ?? (anchor !== undefined && !anchor.raw.equals(certificate.raw) ? anchor : undefined);
    if (issuer !== undefined && isRevoked(certificate, issuer, lists)) {
      return { status: 'invalid', reason: `certificate ${index} ${describe(certificate)} is revoked` };
    }
  }
  return anchor === undefined ? { status: 'unanchored' } : { status: 'anchored', anchor };
}
