import { mutateJson, REMOVE } from '../../../src/testing/authenticator/mutate-json.ts';
import type { AuthenticationRequest } from '../../../src/testing/authenticator/software-authenticator.ts';
import type { ErrorCode } from '../../../src/core/errors.ts';
import { accepted, refused } from '../support/case-table.ts';
import type { GroupScenarios, Scenario } from '../support/case-table.ts';
import { login } from '../support/ceremonies.ts';
import type { Enrolled, Turn } from '../support/ceremonies.ts';
import { asToolCredential } from '../support/tool-client.ts';
import type { SoftwareAuthenticator } from '../../../src/testing/authenticator/software-authenticator.ts';
import { device } from './authenticators.ts';

/** The assertion `authenticator` gives for `turn` (with the user handle), as the tool sends it. */
export function assertion(authenticator: SoftwareAuthenticator, turn: Turn, user: Enrolled, extra: Omit<AuthenticationRequest, keyof Turn['request']> = {}) {
  return asToolCredential(authenticator.authenticate({ ...turn.request, userHandle: user.userHandle, ...extra }));
}

/** A valid assertion with one member replaced (or removed). */
function envelope(path: string, value: unknown, how: string, code: ErrorCode = 'invalid_request'): Scenario {
  return refused(code, how, (server) => {
    const authenticator = device();
    return login(server, authenticator, (turn, user) => mutateJson(assertion(authenticator, turn, user), path, value));
  });
}

/** GetAssertion Response Resp-1: the PublicKeyCredential envelope of /assertion/result. */
export const assertionStructure: GroupScenarios = {
  section: 'GetAssertion Response',
  group: 'Server-ServerAuthenticatorAssertionResponse-Resp-1',
  cases: {
    'P-1': accepted('a valid assertion with userHandle', (server) => {
      const authenticator = device();
      return login(server, authenticator, (turn, user) => assertion(authenticator, turn, user));
    }),
    'F-1': envelope('id', REMOVE, 'no id'),
    'F-2': envelope('id', { id: 'x' }, 'id an object'),
    'F-3': envelope('id', 'not/base64url+', 'id with + and /'),
    'F-4': envelope('type', REMOVE, 'no type'),
    'F-5': envelope('type', 1, 'type a number'),
    'F-6': envelope('type', 'password', 'type "password"'),
    'F-7': envelope('response', REMOVE, 'no response'),
    'F-8': envelope('response', ['response'], 'response an array'),
    'F-9': envelope('response.clientDataJSON', REMOVE, 'no response.clientDataJSON'),
    'F-10': envelope('response.clientDataJSON', true, 'response.clientDataJSON a boolean'),
    'F-11': envelope('response.clientDataJSON', '', 'response.clientDataJSON ""'),
    'F-12': envelope('response.authenticatorData', REMOVE, 'no response.authenticatorData'),
    'F-13': envelope('response.authenticatorData', 37, 'response.authenticatorData a number'),
    'F-14': envelope('response.authenticatorData', 'SZYN5YgO+jaHQ0Fw9kdmBY/+SuuihjLHmVzzuoMdl2M=', 'response.authenticatorData in standard base64'),
    'F-15': envelope('response.authenticatorData', '', 'response.authenticatorData ""'),
    'F-16': envelope('response.signature', REMOVE, 'no response.signature'),
    'F-17': envelope('response.signature', [48, 69], 'response.signature an array'),
    'F-18': envelope('response.signature', 'MEUC+IQ==', 'response.signature in standard base64'),
    'F-19': envelope('response.signature', '', 'response.signature ""'),
    'F-20': refused('signature_invalid', 'a signature whose last byte is flipped', (server) => {
      const authenticator = device();
      return login(server, authenticator, (turn, user) => assertion(authenticator, turn, user, { tamper: { corruptSignature: true } }));
    }),
    'F-21': envelope('response.userHandle', 12345, 'response.userHandle a number'),
  },
};
