import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { rewriteAttestationObject } from '../../../src/testing/authenticator/rewrite-attestation-object.ts';
import type { Tamper } from '../../../src/testing/authenticator/software-authenticator.ts';
import { accepted, refused } from '../support/case-table.ts';
import type { GroupScenarios } from '../support/case-table.ts';
import { attest } from '../support/ceremonies.ts';
import type { Answer } from '../support/ceremonies.ts';
import type { ConformanceServer } from '../support/conformance-server.ts';
import { device, fullPacked, registration, selfPacked } from './authenticators.ts';

const relabelled = (answer: Answer, fmt: string): Answer => (turn) => rewriteAttestationObject(answer(turn) as unknown as RegistrationResponseJSON, (o) => void o.set('fmt', fmt));

/** fido-u2f by the vendor's U2F certificate (listed in the BLOB by its key identifier); U2F has no UV. */
const u2f = (server: ConformanceServer, tamper: Tamper = {}): Answer => (turn) =>
  registration(device(), turn, { attestation: 'fido-u2f', identity: server.pki.vendor.u2fIdentity, userVerified: false, tamper });

/** MakeCredential Response Resp-6: packed self attestation. */
export const packedSelf: GroupScenarios = {
  section: 'MakeCredential Response',
  group: 'Server-ServerAuthenticatorAttestationResponse-Resp-6',
  cases: {
    'P-1': accepted('packed self attestation (ES256)', (server) => attest(server, selfPacked())),
    'F-1': refused('attestation_invalid', 'packed self attestation with the last byte of sig flipped', (server) => attest(server, selfPacked({ corruptSignature: true }))),
    'F-2': refused('attestation_invalid', 'signed by the credential key as in self attestation, but carrying x5c as in full attestation', (server) => attest(server, fullPacked(server, { signWithCredentialKey: true }))),
    'F-3': refused('attestation_invalid', 'packed self attestation relabelled with fmt "sigil-unknown"', (server) => attest(server, relabelled(selfPacked(), 'sigil-unknown'))),
  },
};

/** MakeCredential Response Resp-7: none attestation (the upstream P-conditions repeat Resp-6's text). */
export const noneAttestation: GroupScenarios = {
  section: 'MakeCredential Response',
  group: 'Server-ServerAuthenticatorAttestationResponse-Resp-7',
  cases: {
    'P-1': accepted('fmt "none" after options that asked for attestation "none"', (server) => attest(server, (turn) => registration(device(), turn), { attestation: 'none' })),
    'P-2': accepted('fmt "none" after options that asked for attestation "direct"', (server) => attest(server, (turn) => registration(device(), turn), { attestation: 'direct' })),
    'F-1': refused('attestation_invalid', 'full packed attestation relabelled fmt "none" (after options asking for "none")', (server) => attest(server, relabelled(fullPacked(server), 'none'), { attestation: 'none' })),
  },
};

/** MakeCredential Response Resp-8: fido-u2f. */
export const fidoU2f: GroupScenarios = {
  section: 'MakeCredential Response',
  group: 'Server-ServerAuthenticatorAttestationResponse-Resp-8',
  cases: {
    'P-1': accepted('fido-u2f attestation, AAGUID zero, certificate found in the BLOB by key identifier', (server) => attest(server, u2f(server))),
    'F-1': refused('attestation_invalid', 'fido-u2f attestation with a non-zero AAGUID', (server) => attest(server, u2f(server, { aaguid: new Uint8Array(16).fill(0x11) }))),
    'F-2': refused('attestation_invalid', 'fido-u2f attestation with the last byte of sig flipped', (server) => attest(server, u2f(server, { corruptSignature: true }))),
  },
};
