import type { AttestationIdentity } from './attestation-statements.ts';
import { TestCertificateAuthority } from './test-certificate-authority.ts';
import type { IssueOptions, IssuedCertificate } from './test-certificate-authority.ts';

export interface TestAttestationPki {
  readonly root: TestCertificateAuthority;
  readonly intermediate: TestCertificateAuthority;
  readonly leaf: IssuedCertificate;
  /** Batch key and x5c (leaf, intermediate) for `packed-full`. */
  readonly identity: AttestationIdentity;
  /** Batch key and x5c (a leaf issued by the root alone) for `fido-u2f`, which allows one certificate. */
  readonly u2fIdentity: AttestationIdentity;
}

/**
 * A root, an intermediate and an attestation certificate for an authenticator model, as a
 * vendor would run them. `leaf` options let a test make the attestation certificate expired,
 * not yet valid or carry another AAGUID.
 */
export function createAttestationPki(name = 'Sigil Test', leaf: IssueOptions = {}, intermediateValidity: Pick<IssueOptions, 'notBefore' | 'notAfter'> = {}): TestAttestationPki {
  const root = TestCertificateAuthority.root(`${name} Root CA`);
  const intermediate = root.intermediate(`${name} Attestation CA`, intermediateValidity);
  const issued = intermediate.issue(leaf);
  const u2fLeaf = root.issue({ serial: 77, subject: [['C', 'US'], ['O', name], ['CN', `${name} U2F`]] });
  return {
    root,
    intermediate,
    leaf: issued,
    identity: { privateKey: issued.privateKey, chain: [issued.certificate, intermediate.certificate] },
    u2fIdentity: { privateKey: u2fLeaf.privateKey, chain: [u2fLeaf.certificate] },
  };
}
