import assert from 'node:assert/strict';
import { FLAG } from '../../../src/testing/authenticator/authenticator-data-builder.ts';
import type { Tamper } from '../../../src/testing/authenticator/software-authenticator.ts';
import { accepted, refused } from '../support/case-table.ts';
import type { GroupScenarios, Scenario } from '../support/case-table.ts';
import { enrol, login, loginOnce } from '../support/ceremonies.ts';
import type { ConformanceServer } from '../support/conformance-server.ts';
import { assertion } from './assertion-structure.ts';
import { device } from './authenticators.ts';

/** One login whose assertion carries `tamper`, after options asking for `userVerification`. */
const loginWith = (server: ConformanceServer, tamper: Tamper, userVerification = 'preferred') => {
  const authenticator = device();
  return login(server, authenticator, (turn, user) => assertion(authenticator, turn, user, { tamper }), userVerification);
};

/** Exactly these flags in authData (no BE/BS/AT/ED), for the UP/UV combinations. */
const flags = (how: string, value: number, userVerification: string, code?: Parameters<typeof refused>[0]): Scenario => {
  const run = (server: ConformanceServer) => loginWith(server, { flags: value }, userVerification);
  return code === undefined ? accepted(`${how}, userVerification "${userVerification}"`, run) : refused(code, `${how}, userVerification "${userVerification}"`, run);
};

/** GetAssertion Response Resp-3: authenticatorData of a login. */
export const assertionAuthenticatorData: GroupScenarios = {
  section: 'GetAssertion Response',
  group: 'Server-ServerAuthenticatorAssertionResponse-Resp-3',
  cases: {
    'P-1': accepted('an authenticator without a counter: two logins, both with signCount 0', async (server) => {
      const authenticator = device({ counter: 'zero' });
      const user = await enrol(server, authenticator);
      const answer = (turn: Parameters<typeof assertion>[1]) => assertion(authenticator, turn, user);
      assert.equal((await loginOnce(user, answer)).status, 200);
      return loginOnce(user, answer);
    }),
    'P-2': flags('UV set, UP clear', FLAG.UV, 'required'),
    'P-3': flags('UV and UP set', FLAG.UV | FLAG.UP, 'required'),
    'P-4': flags('UV and UP clear', 0, 'preferred'),
    'P-5': flags('UP set, UV clear', FLAG.UP, 'discouraged'),
    'P-6': flags('UV set, UP clear', FLAG.UV, 'discouraged'),
    'P-7': flags('UV and UP clear', 0, 'discouraged'),
    'P-8': accepted('extension outputs in authData with ED set', (server) => loginWith(server, { extensions: new Map([['sigil-test', true]]) })),
    'F-1': refused('authenticator_data_invalid', 'three bytes after the authenticator data', (server) => loginWith(server, { trailingBytes: Uint8Array.of(1, 2, 3) })),
    'F-2': refused('rp_id_mismatch', 'rpIdHash of another RP ID (sigil.test)', (server) => loginWith(server, { rpIdHashOf: 'sigil.test' })),
    'F-3': refused('signature_invalid', 'a genuine signature over another clientDataJSON', async (server) => {
      const authenticator = device({ counter: 'zero' });
      return login(server, authenticator, (turn, user) => {
        const sent = assertion(authenticator, turn, user);
        const other = assertion(authenticator, turn, user, { tamper: { clientData: { note: 'another client data' } } });
        return { ...sent, response: { ...(sent.response as object), signature: (other.response as { signature: string }).signature } };
      });
    }),
    'F-4': refused('sign_count_regressed', 'a counting authenticator logs in (counter 1), then sends counter 1 again', async (server) => {
      const authenticator = device();
      const user = await enrol(server, authenticator);
      assert.equal((await loginOnce(user, (turn) => assertion(authenticator, turn, user))).status, 200);
      return loginOnce(user, (turn) => assertion(authenticator, turn, user, { tamper: { signCount: authenticator.signCount } }));
    }),
    'F-5': flags('UP set, UV clear', FLAG.UP, 'required', 'user_verification_required'),
  },
};
