import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { rejectsDomainError } from '../../../testing/authenticator/assert-domain-error.ts';
import { metadataBlobEntry, signMetadataBlob } from '../../../testing/authenticator/test-metadata-blob.ts';
import { TestCertificateAuthority } from '../../../testing/authenticator/test-certificate-authority.ts';
import { readConformanceFile } from '../vectors/conformance-data.ts';
import { isBlocked, latestStatusReport } from './authenticator-status.ts';
import { loadMetadataBlob } from './load-metadata-blob.ts';

const FOLDER = 'webauthn4j-mds';
const realBlob = readConformanceFile(FOLDER, 'mds3-blob.jwt').toString('utf8');
const globalSignR3 = new Uint8Array(readConformanceFile(FOLDER, 'globalsign-root-r3.crt'));
const realCrls = [new Uint8Array(readConformanceFile(FOLDER, 'globalsign-root-r3.crl')), new Uint8Array(readConformanceFile(FOLDER, 'globalsign-extendedvalidation-sha256-g3.crl'))];
/** Inside the signer certificate's validity (2021-04-12 … 2022-05-14). */
const WHILE_VALID = Date.parse('2021-11-15T00:00:00Z');
const TODAY = Date.parse('2026-11-23T12:00:00Z');

describe('loadMetadataBlob: the real FIDO MDS3 BLOB (webauthn4j fixture)', () => {
  it('verifies at a time inside the signer validity, with the CRLs, and indexes the entries', async () => {
    const catalog = await loadMetadataBlob(realBlob, { roots: [globalSignR3], at: WHILE_VALID, revocationLists: realCrls });
    assert.equal(catalog.serial, 9);
    assert.equal(catalog.nextUpdate, '2021-12-01');
    assert.equal(catalog.size, 81); // 46 FIDO2 (by AAGUID) + 35 U2F (by key identifier); UAF entries have neither
    const neowave = catalog.findByKeyIdentifier('1434D2F277FE479C35DDF6AA4D08A07CBCE99DD7');
    assert.equal(neowave?.description, 'NEOWAVE Winkeo FIDO2');
    const roots = neowave?.attestationRootCertificates.map((der) => new X509Certificate(der).subject) ?? [];
    assert.equal(roots.length, 4);
    assert.ok(roots.some((subject) => subject.includes('CN=CertEurope Elliptic Root CA')));
    assert.deepEqual(latestStatusReport(neowave!), { status: 'NOT_FIDO_CERTIFIED', effectiveDate: '2021-09-21' });
    assert.equal(isBlocked(neowave!), false);
  });

  it('finds FIDO2 authenticators by AAGUID, in any case', async () => {
    const catalog = await loadMetadataBlob(realBlob, { roots: [globalSignR3], at: WHILE_VALID });
    const yubikey = catalog.findByAaguid('EE882879-721C-4913-9775-3DFCCE97072A');
    assert.equal(yubikey?.description, 'YubiKey 5 Series');
    assert.equal(yubikey?.attestationRootCertificates.length, 1);
    assert.deepEqual(latestStatusReport(yubikey!), { status: 'FIDO_CERTIFIED_L1', effectiveDate: '2020-05-12' });
    // The single statement of metadata-item-fido2.json is not in this BLOB.
    assert.equal(catalog.findByAaguid('0132d110-bf4e-4208-a403-ab4f5f12efe5'), undefined);
  });

  it('refuses it at today\'s date: the signer certificate expired in 2022', () =>
    rejectsDomainError(loadMetadataBlob(realBlob, { roots: [globalSignR3], at: TODAY }), 'attestation_untrusted', /certificate 0 .* is not valid at 2026/));

  it('refuses a payload changed after signing (MDS F-3)', async () => {
    const [header, payload, signature] = realBlob.trim().split('.');
    const json = Buffer.from(payload as string, 'base64url').toString('utf8').replace('"no":9', '"no":10');
    const tampered = [header, Buffer.from(json).toString('base64url'), signature].join('.');
    await rejectsDomainError(loadMetadataBlob(tampered, { roots: [globalSignR3], at: WHILE_VALID }), 'attestation_untrusted', /signature/);
  });

  it('refuses it under another root (MDS F-4), and without any root', async () => {
    const apple = new Uint8Array(new X509Certificate(readConformanceFile('simplewebauthn', 'root-certificates', 'Apple_WebAuthn_Root_CA.pem')).raw);
    await rejectsDomainError(loadMetadataBlob(realBlob, { roots: [apple], at: WHILE_VALID }), 'attestation_untrusted', /trust anchor/);
    await rejectsDomainError(loadMetadataBlob(realBlob, { roots: [], at: WHILE_VALID }), 'attestation_untrusted', /no trust anchor/);
  });
});

describe('loadMetadataBlob: a BLOB from a test PKI', () => {
  const root = TestCertificateAuthority.root('MDS Test Root');
  const intermediate = root.intermediate('MDS Test Intermediate');
  const signer = intermediate.issue({ serial: 4242, subject: [['C', 'US'], ['O', 'Sigil Test'], ['CN', 'mds.sigil.test']] });
  const chain = [signer.certificate, intermediate.certificate];
  const payload = {
    legalHeader: 'test',
    no: 42,
    nextUpdate: '2030-01-01',
    entries: [
      metadataBlobEntry({ aaguid: '0123ABCD-0000-4000-8000-000000000001', description: 'Good Key', roots: [root.certificate], statuses: [{ status: 'FIDO_CERTIFIED_L1', effectiveDate: '2024-01-01' }] }),
      metadataBlobEntry({ aaguid: '0123abcd-0000-4000-8000-000000000002', description: 'Bypass Key', roots: [root.certificate], statuses: [{ status: 'FIDO_CERTIFIED', effectiveDate: '2023-01-01' }, { status: 'USER_VERIFICATION_BYPASS', effectiveDate: '2025-01-01' }] }),
      metadataBlobEntry({ keyIdentifiers: ['AABBCC'], description: 'Old U2F', roots: [root.certificate], statuses: [{ status: 'REVOKED' }] }),
    ],
  };
  const policy = { roots: [root.certificate], at: TODAY };

  it('verifies, and reports each model with its latest status', async () => {
    const catalog = await loadMetadataBlob(await signMetadataBlob(payload, { privateKey: signer.privateKey, chain }), policy);
    assert.equal(catalog.serial, 42);
    assert.equal(catalog.findByAaguid('0123abcd-0000-4000-8000-000000000001')?.description, 'Good Key');
    assert.equal(isBlocked(catalog.findByAaguid('0123ABCD-0000-4000-8000-000000000001')!), false);
    assert.equal(isBlocked(catalog.findByAaguid('0123abcd-0000-4000-8000-000000000002')!), true);
    assert.equal(isBlocked(catalog.findByKeyIdentifier('aabbcc')!), true);
  });

  it('refuses a revoked signer (MDS F-6) and a revoked intermediate (MDS F-5)', async () => {
    const blob = await signMetadataBlob(payload, { privateKey: signer.privateKey, chain });
    await rejectsDomainError(loadMetadataBlob(blob, { ...policy, revocationLists: [intermediate.revocationList([signer.serial])] }), 'attestation_untrusted', /revoked/);
    const intermediateSerial = new X509Certificate(intermediate.certificate).serialNumber;
    await rejectsDomainError(loadMetadataBlob(blob, { ...policy, revocationLists: [root.revocationList([Number.parseInt(intermediateSerial, 16)])] }), 'attestation_untrusted', /revoked/);
  });

  it('refuses a signature by a key other than the certified one (MDS F-3)', async () => {
    const impostor = intermediate.issue({ serial: 4343 });
    await rejectsDomainError(loadMetadataBlob(await signMetadataBlob(payload, { privateKey: impostor.privateKey, chain }), policy), 'attestation_untrusted', /signature/);
  });

  it('refuses a chain that does not link (MDS F-4) and a header without x5c', async () => {
    const foreign = TestCertificateAuthority.root('Foreign MDS').intermediate('Foreign MDS Intermediate');
    await rejectsDomainError(loadMetadataBlob(await signMetadataBlob(payload, { privateKey: signer.privateKey, chain: [signer.certificate, foreign.certificate] }), policy), 'attestation_untrusted', /not issued/);
    await rejectsDomainError(loadMetadataBlob(await signMetadataBlob(payload, { privateKey: signer.privateKey, chain: [] }), policy), 'attestation_untrusted', /x5c/);
  });

  it('refuses a payload of the wrong shape', async () => {
    for (const bad of [{ ...payload, entries: {} }, { ...payload, no: '42' }, { ...payload, entries: [{ aaguid: 5 }] }]) {
      await rejectsDomainError(loadMetadataBlob(await signMetadataBlob(bad, { privateKey: signer.privateKey, chain }), policy), 'attestation_untrusted');
    }
  });
});
