import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AttestationIdentity } from '../../../src/testing/authenticator/attestation-statements.ts';
import { rewriteAttestationObject, rewriteAttStmt } from '../../../src/testing/authenticator/rewrite-attestation-object.ts';
import type { IssueOptions } from '../../../src/testing/authenticator/test-certificate-authority.ts';
import { TestCertificateAuthority } from '../../../src/testing/authenticator/test-certificate-authority.ts';
import { accepted, refused } from '../support/case-table.ts';
import type { GroupScenarios, Scenario } from '../support/case-table.ts';
import { attest } from '../support/ceremonies.ts';
import type { Answer } from '../support/ceremonies.ts';
import type { ConformanceServer } from '../support/conformance-server.ts';
import { CERTIFIED } from '../support/conformance-pki.ts';
import { device, fullPacked, registration } from './authenticators.ts';

type Chain = (server: ConformanceServer) => AttestationIdentity;

/** An attestation certificate from the vendor's attestation CA, with its chain (leaf, CA). */
const fromAttestationCa =
  (options: IssueOptions): Chain =>
  ({ pki }) => {
    const leaf = pki.vendor.intermediate.issue(options);
    return { privateKey: leaf.privateKey, chain: [leaf.certificate, pki.vendor.intermediate.certificate] };
  };

/** The vendor's usual attestation key with another certificate list in x5c. */
const reordered =
  (chain: (pki: ConformanceServer['pki']['vendor']) => Uint8Array[]): Chain =>
  ({ pki }) => ({ privateKey: pki.vendor.leaf.privateKey, chain: chain(pki.vendor) });

/** Full packed attestation by the certified model with the attestation identity `chain` gives. */
const withIdentity = (code: Parameters<typeof refused>[0], how: string, chain: Chain): Scenario =>
  refused(code, how, (server) => attest(server, fullPacked(server, {}, chain(server))));

/** Full packed attestation by the certified model, its statement then edited. */
const statementEdited = (how: string, edit: (attStmt: Map<string, unknown>) => void): Scenario =>
  refused('attestation_invalid', `full packed attestation, ${how}`, (server) => attest(server, (turn) => rewriteAttStmt(fullPacked(server)(turn) as unknown as RegistrationResponseJSON, edit)));

const unknownFmt = (server: ConformanceServer): Answer => (turn) => rewriteAttestationObject(fullPacked(server)(turn) as unknown as RegistrationResponseJSON, (o) => void o.set('fmt', 'sigil-unknown'));

/** MakeCredential Response Resp-5: full packed attestation, judged against the BLOB's roots. */
export const packedFull: GroupScenarios = {
  section: 'MakeCredential Response',
  group: 'Server-ServerAuthenticatorAttestationResponse-Resp-5',
  cases: {
    'P-1': accepted('full packed attestation: x5c holds one certificate issued by the metadata root', (server) => {
      const leaf = server.pki.vendor.root.issue({ serial: 7001 });
      return attest(server, fullPacked(server, {}, { privateKey: leaf.privateKey, chain: [leaf.certificate] }));
    }),
    'P-2': accepted('full packed attestation: x5c is attestation certificate + attestation CA, chaining to the metadata root', (server) => attest(server, fullPacked(server))),
    'F-1': refused('attestation_invalid', 'full packed attestation relabelled with fmt "sigil-unknown"', (server) => attest(server, unknownFmt(server))),
    'F-2': refused('attestation_invalid', 'full packed attestation with the last byte of sig flipped', (server) => attest(server, fullPacked(server, { corruptSignature: true }))),
    'F-3': statementEdited('without x5c', (s) => void s.delete('x5c')),
    'F-4': statementEdited('x5c a byte string, not an array', (s) => void s.set('x5c', new Uint8Array(16))),
    'F-5': statementEdited('x5c an empty array', (s) => void s.set('x5c', [])),
    'F-6': withIdentity('attestation_untrusted', 'attestation certificate expired (notAfter 2025-01-01)', fromAttestationCa({ serial: 7006, notAfter: new Date('2025-01-01T00:00:00Z') })),
    'F-7': withIdentity('attestation_untrusted', 'attestation certificate not yet valid (notBefore 2030-01-01)', fromAttestationCa({ serial: 7007, notBefore: new Date('2030-01-01T00:00:00Z') })),
    'F-8': refused('attestation_invalid', 'full packed attestation of the certified model (metadata: ES256 only) for an Ed25519 credential', (server) =>
      attest(server, (turn) => registration(device({ alg: -8, model: CERTIFIED }), turn, { attestation: 'packed-full', identity: server.pki.vendor.identity })),
    ),
    'F-9': withIdentity('attestation_untrusted', 'x5c: attestation certificate + a CA of another PKI that did not issue it', reordered((v) => [v.leaf.certificate, TestCertificateAuthority.root('Unrelated Root').intermediate('Unrelated CA').certificate])),
    'F-10': withIdentity('attestation_invalid', 'x5c: attestation certificate, attestation CA and the root', reordered((v) => [v.leaf.certificate, v.intermediate.certificate, v.root.certificate])),
    'F-11': withIdentity('attestation_untrusted', 'x5c: attestation certificate, root, attestation CA (out of order)', reordered((v) => [v.leaf.certificate, v.root.certificate, v.intermediate.certificate])),
    'F-12': withIdentity('attestation_untrusted', 'x5c through an attestation CA of the metadata root that expired in 2022', ({ pki }) => {
      const expired = pki.vendor.root.intermediate('Conformance Vendor Expired CA', { notBefore: new Date('2018-01-01T00:00:00Z'), notAfter: new Date('2022-01-01T00:00:00Z') });
      const leaf = expired.issue({ serial: 7012 });
      return { privateKey: leaf.privateKey, chain: [leaf.certificate, expired.certificate] };
    }),
    'F-13': withIdentity('attestation_invalid', 'sig made by another attestation key than the x5c leaf', ({ pki }) => ({ privateKey: pki.vendor.intermediate.issue({ serial: 7013 }).privateKey, chain: pki.vendor.identity.chain })),
    'F-14': refused('attestation_invalid', 'full packed attestation signed by the new credential key instead of the batch key', (server) => attest(server, fullPacked(server, { signWithCredentialKey: true }))),
  },
};
