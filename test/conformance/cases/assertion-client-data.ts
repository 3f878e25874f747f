import { refused } from '../support/case-table.ts';
import type { GroupScenarios, Scenario } from '../support/case-table.ts';
import { login } from '../support/ceremonies.ts';
import { assertion } from './assertion-structure.ts';
import { device } from './authenticators.ts';
import { clientDataDefects } from './client-data-defects.ts';

const scenarios: Record<string, Scenario> = {};
for (const [name, defect] of Object.entries(clientDataDefects('webauthn.get', 'webauthn.create'))) {
  scenarios[name] = refused(defect.code, `assertion with ${defect.how}`, (server) => {
    const authenticator = device();
    return login(server, authenticator, (turn, user) => assertion(authenticator, turn, user, { tamper: { clientData: defect.members(turn) } }));
  });
}

/** GetAssertion Response Resp-2: clientDataJSON of a login. */
export const assertionClientData: GroupScenarios = {
  section: 'GetAssertion Response',
  group: 'Server-ServerAuthenticatorAssertionResponse-Resp-2',
  cases: scenarios,
};
