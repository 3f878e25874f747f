import { accepted } from '../support/case-table.ts';
import type { GroupScenarios, Scenario } from '../support/case-table.ts';
import { attest } from '../support/ceremonies.ts';
import { selfPacked } from './authenticators.ts';

/** Resp-4 cases by COSE algorithm (P-1, ES256K, is not covered: see not-covered.ts). */
const ALGORITHMS: ReadonlyArray<readonly [name: string, alg: number, label: string]> = [
  ['P-2', -37, 'PS256'],
  ['P-3', -38, 'PS384'],
  ['P-4', -39, 'PS512'],
  ['P-5', -257, 'RS256'],
  ['P-6', -258, 'RS384'],
  ['P-7', -259, 'RS512'],
  ['P-8', -65535, 'RS1'],
  ['P-9', -7, 'ES256'],
  ['P-10', -35, 'ES384'],
  ['P-11', -36, 'ES512'],
  ['P-12', -8, 'Ed25519 (EdDSA)'],
];

const scenarios: Record<string, Scenario> = {};
for (const [name, alg, label] of ALGORITHMS) {
  scenarios[name] = accepted(`packed self attestation by a ${label} credential key (COSE ${alg})`, (server) => attest(server, selfPacked({}, alg)));
}

/** MakeCredential Response Resp-4: credential algorithms, with self attestation. */
export const attestationAlgorithms: GroupScenarios = {
  section: 'MakeCredential Response',
  group: 'Server-ServerAuthenticatorAttestationResponse-Resp-4',
  cases: scenarios,
};
