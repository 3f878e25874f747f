import { readDefaultAttestationRoots } from './default-attestation-roots.ts';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../config/load.ts';
import { conformancePath, readConformanceFile } from '../core/passkeys/vectors/conformance-data.ts';
import { metadataBlobEntry, signMetadataBlob } from '../testing/authenticator/test-metadata-blob.ts';
import { TestCertificateAuthority } from '../testing/authenticator/test-certificate-authority.ts';
import { DEFAULT_MDS_ROOT_PATH, loadPasskeyTrust } from './load-passkey-trust.ts';
import type { PasskeyTrustConfig } from './load-passkey-trust.ts';
import { readDerFile } from './read-der-file.ts';

const REAL = (file: string): string => conformancePath('webauthn4j-mds', file);
const REAL_CRLS = [REAL('globalsign-root-r3.crl'), REAL('globalsign-extendedvalidation-sha256-g3.crl')];
/** Inside the real BLOB signer's validity (2021-04-12 … 2022-05-14), before its nextUpdate 2021-12-01. */
const WHILE_VALID = Date.parse('2021-11-15T00:00:00Z');
const TODAY = Date.parse('2026-11-23T12:00:00Z');
const NONE: PasskeyTrustConfig = { mdsBlobPath: null, mdsRootCertPath: null, crlPaths: [], unanchoredAttestation: 'accept' };

const dir = mkdtempSync(join(tmpdir(), 'sigil-trust-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

async function refusedWith(config: PasskeyTrustConfig, now: number, message: RegExp): Promise<void> {
  await assert.rejects(loadPasskeyTrust(config, now), (error: unknown) => {
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.problems.length, 1);
    assert.match(error.problems[0] as string, message);
    return true;
  });
}

describe('loadPasskeyTrust: the real FIDO MDS3 BLOB under the shipped GlobalSign root', () => {
  it('ships GlobalSign Root CA - R3 byte for byte', async () => {
    assert.deepEqual(await readDerFile(DEFAULT_MDS_ROOT_PATH, 'CERTIFICATE'), new Uint8Array(readConformanceFile('webauthn4j-mds', 'globalsign-root-r3.crt')));
  });

  it('verifies it (default root, real CRLs) while its signer was valid, and hands the catalog to registration', async () => {
    const loaded = await loadPasskeyTrust({ ...NONE, mdsBlobPath: REAL('mds3-blob.jwt'), crlPaths: REAL_CRLS }, WHILE_VALID);
    assert.deepEqual([loaded.catalog?.serial, loaded.catalog?.size, loaded.warnings], [9, 81, []]);
    assert.equal(loaded.trust.metadata, loaded.catalog);
    assert.equal(loaded.trust.revocationLists?.length, 2);
    assert.equal(loaded.trust.accept, undefined);
  });

  it('refuses it today, naming the setting, the file and the reason: the signer certificate expired in 2022', () =>
    refusedWith({ ...NONE, mdsBlobPath: REAL('mds3-blob.jwt') }, TODAY, /^MDS_BLOB_PATH: the FIDO metadata BLOB .*mds3-blob\.jwt is refused .*: metadata BLOB: certificate 0 .* is not valid at 2026/));

  it('refuses it under another root', () =>
    refusedWith({ ...NONE, mdsBlobPath: REAL('mds3-blob.jwt'), mdsRootCertPath: file('other-root.der', TestCertificateAuthority.root('Not GlobalSign').certificate) }, WHILE_VALID, /^MDS_BLOB_PATH: .*trust anchor/));
});

describe('loadPasskeyTrust: settings and files', () => {
  const root = TestCertificateAuthority.root('Trust Loader Root');
  const signer = root.intermediate('Trust Loader Signing CA');
  const leaf = signer.issue({ serial: 31, subject: [['CN', 'mds.trust-loader.test']] });
  const blob = (nextUpdate: string) =>
    signMetadataBlob({ legalHeader: 'test', no: 7, nextUpdate, entries: [metadataBlobEntry({ aaguid: '11111111-2222-4333-8444-555555555555', description: 'Loader Key', roots: [root.certificate], statuses: [{ status: 'FIDO_CERTIFIED' }] })] }, { privateKey: leaf.privateKey, chain: [leaf.certificate, signer.certificate] });
  const pem = (label: string, der: Uint8Array) => `a comment\n-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;

  it('with nothing configured: the default roots, no metadata, no CRLs, every trust outcome accepted', async () => {
    assert.deepEqual(await loadPasskeyTrust(NONE, TODAY), { trust: { roots: readDefaultAttestationRoots() }, catalog: null, warnings: [] });
  });

  it('UNANCHORED_ATTESTATION=refuse accepts none, self and anchored chains only', async () => {
    assert.deepEqual((await loadPasskeyTrust({ ...NONE, unanchoredAttestation: 'refuse' }, TODAY)).trust, { roots: readDefaultAttestationRoots(), accept: ['none', 'self', 'trusted'] });
  });

  it('loads a stale BLOB (nextUpdate passed) with a warning; the day itself is not stale', async () => {
    const config = { ...NONE, mdsRootCertPath: file('root.pem', pem('CERTIFICATE', root.certificate)) };
    const stale = await loadPasskeyTrust({ ...config, mdsBlobPath: file('stale.jwt', await blob('2026-11-22')) }, TODAY);
    assert.equal(stale.catalog?.findByAaguid('11111111-2222-4333-8444-555555555555')?.description, 'Loader Key');
    assert.deepEqual(stale.warnings, ['FIDO metadata BLOB no. 7 is stale: its nextUpdate 2026-11-22 has passed; download a current one from https://mds3.fidoalliance.org/']);
    assert.deepEqual((await loadPasskeyTrust({ ...config, mdsBlobPath: file('fresh.jwt', await blob('2026-11-23')) }, TODAY)).warnings, []);
  });

  it('reads CRLs in PEM or DER, and refuses the BLOB when its signer is revoked by one of them', async () => {
    const crl = signer.revocationList([leaf.serial]);
    const config = { ...NONE, mdsRootCertPath: file('root.der', root.certificate), crlPaths: [file('signer.crl.pem', pem('X509 CRL', crl)), file('empty.crl', root.revocationList([]))] };
    assert.equal((await loadPasskeyTrust(config, TODAY)).trust.revocationLists?.length, 2);
    await refusedWith({ ...config, mdsBlobPath: file('revoked.jwt', await blob('2030-01-01')) }, TODAY, /^MDS_BLOB_PATH: .*revoked/);
  });

  it('stops the start on a missing or unusable file, naming the setting and the path', async () => {
    await refusedWith({ ...NONE, mdsBlobPath: join(dir, 'absent.jwt') }, TODAY, /^MDS_BLOB_PATH: cannot read .*absent\.jwt: ENOENT/);
    await refusedWith({ ...NONE, mdsBlobPath: REAL('mds3-blob.jwt'), mdsRootCertPath: join(dir, 'absent.pem') }, TODAY, /^MDS_ROOT_CERT_PATH: cannot read .*absent\.pem/);
    await refusedWith({ ...NONE, crlPaths: [file('junk.crl', 'not a CRL')] }, TODAY, /^CRL_PATHS: cannot use .*junk\.crl: /);
    await refusedWith({ ...NONE, crlPaths: [file('cert-not-crl.pem', pem('CERTIFICATE', root.certificate))] }, TODAY, /^CRL_PATHS: .*holds no X509 CRL block/);
    await refusedWith({ ...NONE, mdsBlobPath: file('garbage.jwt', 'not.a.jwt') }, TODAY, /^MDS_BLOB_PATH: the FIDO metadata BLOB .* is refused/);
  });

  it('warns that MDS_ROOT_CERT_PATH alone does nothing', async () => {
    assert.deepEqual((await loadPasskeyTrust({ ...NONE, mdsRootCertPath: DEFAULT_MDS_ROOT_PATH }, TODAY)).warnings, ['MDS_ROOT_CERT_PATH is set without MDS_BLOB_PATH and has no effect']);
  });
});
