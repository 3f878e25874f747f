import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { TestCertificateAuthority } from '../../../testing/authenticator/test-certificate-authority.ts';
import { readConformanceFile, readConformanceJson } from '../vectors/conformance-data.ts';
import { isCertificateAuthority } from './certificate-authority-flags.ts';
import { isRevoked, isSignedBy, normalizeSerial, parseRevocationList } from './revocation-list.ts';
import { subjectKeyIdentifier } from './subject-key-identifier.ts';
import { verifyCertificatePath } from './verify-certificate-path.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const pem = (name: string) => new X509Certificate(readConformanceFile('simplewebauthn', 'root-certificates', name));
const globalSignR3 = new X509Certificate(readConformanceFile('webauthn4j-mds', 'globalsign-root-r3.crt'));
const blobHeader = JSON.parse(Buffer.from(readConformanceFile('webauthn4j-mds', 'mds3-blob.jwt').toString('utf8').split('.')[0] as string, 'base64url').toString('utf8')) as { x5c: string[] };
const [mdsLeaf, evIntermediate] = blobHeader.x5c.map((der) => new X509Certificate(Buffer.from(der, 'base64'))) as [X509Certificate, X509Certificate];

describe('subjectKeyIdentifier', () => {
  it('matches the identifiers real CAs put in their certificates (EC P-384, RSA)', () => {
    const hex = (certificate: X509Certificate) => Buffer.from(subjectKeyIdentifier(certificate.publicKey)).toString('hex');
    assert.equal(hex(pem('Apple_WebAuthn_Root_CA.pem')), '26d764d9c578c25a67d1a7de6b12d01b63f1c6d7');
    assert.equal(hex(pem('Google_Hardware_Attestation_Root_1.pem')), '3661e1007c880509518b446c47ff1a4cc9ea4f12');
    assert.equal(hex(globalSignR3), '8ff04b7fa82e4524ae4d50fa639a8bdee2dd1bbc');
  });
});

describe('isCertificateAuthority', () => {
  it('reads basicConstraints and keyUsage from the DER', () => {
    assert.equal(isCertificateAuthority(globalSignR3), true);
    assert.equal(isCertificateAuthority(evIntermediate), true);
    assert.equal(isCertificateAuthority(mdsLeaf), false);
    const ca = TestCertificateAuthority.root('Flags');
    assert.equal(isCertificateAuthority(ca.x509), true);
    assert.equal(isCertificateAuthority(new X509Certificate(ca.issue().certificate)), false);
  });

  it('accepts the FIDO test TPM intermediate whose malformed AKI makes OpenSSL call it no CA', () => {
    const vector = readConformanceJson<Array<{ id: string; response: { response: { attestationObject: string } } }>>('simplewebauthn', 'registration.json').find((v) => v.id === 'swa-reg-035');
    const object = isoCBOR.decodeFirst<Map<string, Map<string, Uint8Array[]>>>(new Uint8Array(Buffer.from(vector?.response.response.attestationObject ?? '', 'base64url')));
    const intermediate = new X509Certificate(object.get('attStmt')?.get('x5c')?.[1] as Uint8Array);
    assert.equal(intermediate.ca, false);
    assert.equal(isCertificateAuthority(intermediate), true);
  });
});

describe('parseRevocationList', () => {
  const rootCrl = parseRevocationList(new Uint8Array(readConformanceFile('webauthn4j-mds', 'globalsign-root-r3.crl')));
  const evCrl = parseRevocationList(new Uint8Array(readConformanceFile('webauthn4j-mds', 'globalsign-extendedvalidation-sha256-g3.crl')));

  it('reads the GlobalSign CRLs: dates, serials, signature algorithm', () => {
    assert.equal(new Date(rootCrl.thisUpdate).toISOString(), '2024-07-07T00:00:00.000Z');
    assert.equal(new Date(rootCrl.nextUpdate ?? 0).toISOString(), '2024-10-15T00:00:00.000Z');
    assert.ok(rootCrl.revokedSerials.has('400000000013189C646EC'));
    assert.equal(evCrl.revokedSerials.size, 207);
    assert.ok(evCrl.revokedSerials.has('129668F159FFA8B0A4E9B0CE'));
    assert.equal(evCrl.signatureAlgorithm, '1.2.840.113549.1.1.11');
  });

  it('ties each CRL to the CA whose key signed it', () => {
    assert.equal(isSignedBy(rootCrl, globalSignR3), true);
    assert.equal(isSignedBy(evCrl, evIntermediate), true);
    assert.equal(isSignedBy(evCrl, globalSignR3), false);
    assert.equal(isRevoked(mdsLeaf, evIntermediate, [evCrl, rootCrl]), false);
  });

  it('normalises serial numbers', () => {
    assert.equal(normalizeSerial('00ab'), 'AB');
    assert.equal(normalizeSerial('0'), '0');
  });
});

describe('verifyCertificatePath', () => {
  const root = TestCertificateAuthority.root('Path Root');
  const intermediate = root.intermediate('Path Intermediate');
  const leaf = intermediate.issue({ serial: 501 });
  const path = [new X509Certificate(leaf.certificate), intermediate.x509];

  it('anchored, unanchored, and anchored at a root inside the path', () => {
    assert.equal(verifyCertificatePath(path, { at: NOW, anchors: [root.x509] }).status, 'anchored');
    assert.equal(verifyCertificatePath(path, { at: NOW, anchors: [] }).status, 'unanchored');
    assert.equal(verifyCertificatePath([...path, root.x509], { at: NOW, anchors: [root.x509] }).status, 'anchored');
  });

  it('the real MDS signer chain is anchored at GlobalSign R3 in 2021', () => {
    assert.equal(verifyCertificatePath([mdsLeaf, evIntermediate], { at: Date.parse('2021-11-15Z'), anchors: [globalSignR3] }).status, 'anchored');
  });

  const invalid: ReadonlyArray<[string, () => ReturnType<typeof verifyCertificatePath>, RegExp]> = [
    ['empty', () => verifyCertificatePath([], { at: NOW, anchors: [] }), /empty/],
    ['repeated certificate', () => verifyCertificatePath([path[0]!, path[1]!, path[1]!], { at: NOW, anchors: [] }), /repeats/],
    ['wrong order', () => verifyCertificatePath([path[1]!, path[0]!], { at: NOW, anchors: [] }), /not issued/],
    ['issued by an end entity', () => verifyCertificatePath([new X509Certificate(intermediate.issue({ serial: 502 }).certificate), path[0]!], { at: NOW, anchors: [] }), /not issued/],
    ['outside validity', () => verifyCertificatePath(path, { at: Date.parse('2050-01-01Z'), anchors: [] }), /not valid at 2050/],
    ['other anchor', () => verifyCertificatePath(path, { at: NOW, anchors: [TestCertificateAuthority.root('Other Root').x509] }), /trust anchor/],
    ['revoked intermediate', () => verifyCertificatePath(path, { at: NOW, anchors: [root.x509], revocationLists: [parseRevocationList(root.revocationList([Number.parseInt(intermediate.x509.serialNumber, 16)]))] }), /certificate 1 .* revoked/],
  ];
  for (const [name, run, reason] of invalid) {
    it(`invalid: ${name}`, () => {
      const outcome = run();
      assert.equal(outcome.status, 'invalid');
      if (outcome.status === 'invalid') assert.match(outcome.reason, reason);
    });
  }
});
