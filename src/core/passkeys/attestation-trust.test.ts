import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { createAttestationPki } from '../../testing/authenticator/attestation-identity.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import type { RegistrationRequest } from '../../testing/authenticator/software-authenticator.ts';
import { TestCertificateAuthority } from '../../testing/authenticator/test-certificate-authority.ts';
import type { ErrorCode } from '../errors.ts';
import { MetadataCatalog } from './mds/metadata-catalog.ts';
import type { MetadataEntry } from './mds/metadata-entry.ts';
import { atTime } from './vectors/vector-runner.ts';
import { subjectKeyIdentifier } from './x509/subject-key-identifier.ts';
import { verifyRegistration } from './verify-registration.ts';
import type { RegistrationExpectations, RegistrationTrustOptions } from './verify-registration.ts';

const RP_ID = 'login.example.com';
const request: RegistrationRequest = { challenge: 'c2lnaWwtdHJ1c3QtdGVzdHM', rpId: RP_ID, origin: 'https://login.example.com' };
const expected: RegistrationExpectations = { challenge: 'c2lnaWwtdHJ1c3QtdGVzdHM', origins: ['https://login.example.com'], rpId: RP_ID, userVerification: 'preferred', algorithms: [-7, -8], attestation: 'direct' };

const pki = createAttestationPki('Trust Tests');
const device = new SoftwareAuthenticator({ seed: 'trust-tests' });
const AAGUID = Buffer.from(device.aaguid).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const fullAttestation = device.register({ ...request, attestation: 'packed-full', identity: pki.identity });
const packedRoots = { packed: [pki.root.certificate] };

function register(t: TestContext, response: unknown, trust: Partial<RegistrationTrustOptions> = {}, overrides: Partial<RegistrationExpectations> = {}) {
  return atTime(t, null, (now) => verifyRegistration(response, { ...expected, ...overrides }, { now, ...trust }));
}

async function refused(t: TestContext, response: unknown, code: ErrorCode, trust: Partial<RegistrationTrustOptions> = {}, overrides: Partial<RegistrationExpectations> = {}): Promise<void> {
  await assert.rejects(register(t, response, trust, overrides), (error: unknown) => {
    assert.equal((error as { code?: unknown }).code, code, `detail: ${(error as { detail?: string }).detail}`);
    return true;
  });
}

function entry(overrides: Partial<MetadataEntry>): MetadataEntry {
  return {
    aaguid: AAGUID,
    attestationCertificateKeyIdentifiers: [],
    description: 'Sigil Test Key',
    icon: null,
    attestationRootCertificates: [pki.root.certificate],
    authenticationAlgorithms: ['secp256r1_ecdsa_sha256_raw'],
    attestationTypes: ['basic_full'],
    statusReports: [{ status: 'FIDO_CERTIFIED_L1', effectiveDate: '2024-01-01' }],
    ...overrides,
  };
}

const catalog = (...entries: MetadataEntry[]) => new MetadataCatalog(1, '2030-01-01', entries);

describe('attestation trust: certificate paths (FIDO Resp-5)', () => {
  it('a chain to another vendor root → attestation_untrusted', (t) => refused(t, fullAttestation, 'attestation_untrusted', { roots: { packed: [TestCertificateAuthority.root('Other Vendor').certificate] } }));

  it('an expired intermediate (F-12) → attestation_untrusted, with or without anchors', async (t) => {
    const old = createAttestationPki('Expired Intermediate', {}, { notBefore: new Date('2018-01-01Z'), notAfter: new Date('2022-01-01Z') });
    const response = device.register({ ...request, attestation: 'packed-full', identity: old.identity });
    await refused(t, response, 'attestation_untrusted', { roots: { packed: [old.root.certificate] } });
    await refused(t, response, 'attestation_untrusted');
  });

  it('an expired or not yet valid attestation certificate (F-6, F-7) → attestation_untrusted', async (t) => {
    for (const validity of [{ notAfter: new Date('2025-01-01Z') }, { notBefore: new Date('2030-01-01Z') }]) {
      const dated = createAttestationPki(`Dated ${validity.notAfter?.getFullYear() ?? validity.notBefore?.getFullYear()}`, validity);
      await refused(t, device.register({ ...request, attestation: 'packed-full', identity: dated.identity }), 'attestation_untrusted', { roots: { packed: [dated.root.certificate] } });
    }
  });

  it('a full chain out of order (F-11) and a chain that does not link (F-9) → attestation_untrusted', async (t) => {
    const outOfOrder = { ...pki.identity, chain: [pki.leaf.certificate, pki.root.certificate, pki.intermediate.certificate] };
    await refused(t, device.register({ ...request, attestation: 'packed-full', identity: outOfOrder }), 'attestation_untrusted', { roots: packedRoots });
    const foreign = createAttestationPki('Foreign');
    const unlinked = { ...pki.identity, chain: [pki.leaf.certificate, foreign.intermediate.certificate] };
    await refused(t, device.register({ ...request, attestation: 'packed-full', identity: unlinked }), 'attestation_untrusted');
  });

  it('a packed chain that includes its root (F-10) → attestation_invalid, even when that root is an anchor', async (t) => {
    const withRoot = { ...pki.identity, chain: [...pki.identity.chain, pki.root.certificate] };
    await refused(t, device.register({ ...request, attestation: 'packed-full', identity: withRoot }), 'attestation_invalid', { roots: packedRoots });
  });

  it('a leaf revoked by its CA → attestation_untrusted; a CRL from another CA does not count', async (t) => {
    const crl = pki.intermediate.revocationList([pki.leaf.serial]);
    await refused(t, fullAttestation, 'attestation_untrusted', { roots: packedRoots, revocationLists: [crl] });
    const stranger = TestCertificateAuthority.root('Stranger').revocationList([pki.leaf.serial]);
    assert.equal((await register(t, fullAttestation, { roots: packedRoots, revocationLists: [stranger] })).attestationTrust, 'trusted');
  });
});

describe('attestation trust: what the tenant accepts', () => {
  it('untrusted is refused when only anchored attestation is accepted', (t) => refused(t, fullAttestation, 'attestation_untrusted', { accept: ['none', 'self', 'trusted'] }));

  it('enterprise attestation accepts only trusted chains', async (t) => {
    await refused(t, fullAttestation, 'attestation_untrusted', {}, { attestation: 'enterprise' });
    await refused(t, device.register({ ...request, attestation: 'packed-self' }), 'attestation_untrusted', {}, { attestation: 'enterprise' });
    assert.equal((await register(t, fullAttestation, { roots: packedRoots }, { attestation: 'enterprise' })).attestationTrust, 'trusted');
  });

  it('a deployment accept list never widens enterprise attestation', async (t) => {
    const accept = ['none', 'self', 'trusted'] as const;
    await refused(t, device.register({ ...request, attestation: 'packed-self' }), 'attestation_untrusted', { accept }, { attestation: 'enterprise' });
    await refused(t, device.register(request), 'attestation_untrusted', { accept }, { attestation: 'enterprise' });
    assert.equal((await register(t, fullAttestation, { roots: packedRoots, accept }, { attestation: 'enterprise' })).attestationTrust, 'trusted');
  });
});

describe('attestation trust: FIDO metadata', () => {
  it('metadata roots anchor the chain and name the authenticator (MDS P-1)', async (t) => {
    const passkey = await register(t, fullAttestation, { metadata: catalog(entry({})) });
    assert.deepEqual([passkey.attestationTrust, passkey.authenticatorDescription], ['trusted', 'Sigil Test Key']);
  });

  it('metadata roots replace the configured ones for that authenticator', (t) =>
    refused(t, fullAttestation, 'attestation_untrusted', { roots: packedRoots, metadata: catalog(entry({ attestationRootCertificates: [TestCertificateAuthority.root('Other').certificate] })) }));

  for (const status of ['USER_VERIFICATION_BYPASS', 'ATTESTATION_KEY_COMPROMISE', 'USER_KEY_REMOTE_COMPROMISE', 'USER_KEY_PHYSICAL_COMPROMISE', 'REVOKED']) {
    it(`latest status ${status} (MDS F-2) → authenticator_not_allowed, whatever the attestation`, async (t) => {
      const metadata = catalog(entry({ statusReports: [{ status: 'FIDO_CERTIFIED', effectiveDate: '2022-01-01' }, { status, effectiveDate: '2025-06-01' }] }));
      await refused(t, fullAttestation, 'authenticator_not_allowed', { metadata });
      await refused(t, device.register(request), 'authenticator_not_allowed', { metadata });
    });
  }

  it('an old compromise followed by a newer certification does not block', async (t) => {
    const metadata = catalog(entry({ statusReports: [{ status: 'FIDO_CERTIFIED', effectiveDate: '2026-02-01' }, { status: 'ATTESTATION_KEY_COMPROMISE', effectiveDate: '2025-01-01' }] }));
    assert.equal((await register(t, fullAttestation, { metadata })).attestationTrust, 'trusted');
  });

  it('a credential algorithm the metadata does not list (Resp-5 F-8) → attestation_invalid', (t) =>
    refused(t, fullAttestation, 'attestation_invalid', { metadata: catalog(entry({ authenticationAlgorithms: ['rsassa_pkcsv15_sha256_raw'] })) }));

  it('U2F authenticators are found by the key identifier of their attestation certificate', async (t) => {
    const keyIdentifier = Buffer.from(subjectKeyIdentifier(new X509Certificate(pki.u2fIdentity.chain[0] as Uint8Array).publicKey)).toString('hex');
    const u2f = device.register({ ...request, attestation: 'fido-u2f', identity: pki.u2fIdentity });
    const listed = entry({ aaguid: null, attestationCertificateKeyIdentifiers: [keyIdentifier], description: 'Sigil U2F' });
    const passkey = await register(t, u2f, { metadata: catalog(listed) });
    assert.deepEqual([passkey.attestationTrust, passkey.authenticatorDescription], ['trusted', 'Sigil U2F']);
    await refused(t, u2f, 'authenticator_not_allowed', { metadata: catalog({ ...listed, statusReports: [{ status: 'REVOKED', effectiveDate: null }] }) });
  });
});
