import { refused } from '../support/case-table.ts';
import type { GroupScenarios, Scenario } from '../support/case-table.ts';
import { attest } from '../support/ceremonies.ts';
import { device, registration } from './authenticators.ts';
import { clientDataDefects } from './client-data-defects.ts';

const scenarios: Record<string, Scenario> = {};
for (const [name, defect] of Object.entries(clientDataDefects('webauthn.create', 'webauthn.get'))) {
  scenarios[name] = refused(defect.code, `self-attested registration with ${defect.how}`, (server) =>
    attest(server, (turn) => registration(device(), turn, { attestation: 'packed-self', tamper: { clientData: defect.members(turn) } })),
  );
}

/** MakeCredential Response Resp-2: clientDataJSON of a registration. */
export const attestationClientData: GroupScenarios = {
  section: 'MakeCredential Response',
  group: 'Server-ServerAuthenticatorAttestationResponse-Resp-2',
  cases: scenarios,
};
