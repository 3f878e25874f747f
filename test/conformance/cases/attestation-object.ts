import { FLAG } from '../../../src/testing/authenticator/authenticator-data-builder.ts';
import { rewriteAttestationObject, rewriteAttStmt } from '../../../src/testing/authenticator/rewrite-attestation-object.ts';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { ErrorCode } from '../../../src/core/errors.ts';
import type { Tamper } from '../../../src/testing/authenticator/software-authenticator.ts';
import { accepted, refused } from '../support/case-table.ts';
import type { GroupScenarios, Scenario } from '../support/case-table.ts';
import { attest } from '../support/ceremonies.ts';
import type { Answer } from '../support/ceremonies.ts';
import type { ConformanceServer } from '../support/conformance-server.ts';
import { device, fullPacked, registration } from './authenticators.ts';

type Edit = (object: Map<string, unknown>) => unknown;

/** A self-attested packed response (with `tamper`), its attestation object then edited. */
const selfPackedEdited =
  (edit: Edit, tamper: Tamper = {}): Answer =>
  (turn) =>
    rewriteAttestationObject(registration(device(), turn, { attestation: 'packed-self', tamper }) as unknown as RegistrationResponseJSON, edit);

function edited(code: ErrorCode, how: string, edit: Edit, tamper: Tamper = {}): Scenario {
  return refused(code, how, (server) => attest(server, selfPackedEdited(edit, tamper)));
}

/** Shorthand: edit the attestation statement of a self-attested packed response. */
const statement = (how: string, edit: (attStmt: Map<string, unknown>) => void): Scenario =>
  edited('attestation_invalid', `packed attStmt ${how}`, (o) => edit(o.get('attStmt') as Map<string, unknown>));

/** The 37-byte header of the authData in `o`, with the flags byte set to `flags`. */
const headerOnly = (o: Map<string, unknown>, flags: number): Uint8Array => {
  const head = (o.get('authData') as Uint8Array).slice(0, 37);
  head[32] = flags;
  return head;
};

/** F-16: full attestation whose attStmt.alg names RS256 while the batch key (and metadata) is ES256. */
const algNotTheMetadataOne = (server: ConformanceServer): Answer => (turn) => rewriteAttStmt(fullPacked(server)(turn) as unknown as RegistrationResponseJSON, (s) => void s.set('alg', -257));

/** MakeCredential Response Resp-3: the attestation object and its authData. */
export const attestationObject: GroupScenarios = {
  section: 'MakeCredential Response',
  group: 'Server-ServerAuthenticatorAttestationResponse-Resp-3',
  cases: {
    'P-1': accepted('packed self attestation whose authData carries extension outputs (credProtect) with ED set', (server) =>
      attest(server, (turn) => registration(device(), turn, { attestation: 'packed-self', tamper: { extensions: new Map([['credProtect', 2]]) } })),
    ),
    'F-1': edited('attestation_invalid', 'attestationObject a CBOR array, not a map', () => [1, 2, 3]),
    'F-2': edited('attestation_invalid', 'attestationObject without fmt', (o) => void o.delete('fmt')),
    'F-3': edited('attestation_invalid', 'attestationObject.fmt the number 1', (o) => void o.set('fmt', 1)),
    'F-4': edited('attestation_invalid', 'attestationObject without attStmt', (o) => void o.delete('attStmt')),
    'F-5': edited('attestation_invalid', 'attestationObject.attStmt a byte string', (o) => void o.set('attStmt', new Uint8Array(4))),
    'F-6': edited('authenticator_data_invalid', 'attestationObject without authData', (o) => void o.delete('authData')),
    'F-7': edited('authenticator_data_invalid', 'attestationObject.authData a text string', (o) => void o.set('authData', 'authData')),
    'F-8': edited('authenticator_data_invalid', 'attestationObject.authData empty', (o) => void o.set('authData', new Uint8Array())),
    'F-9': edited('authenticator_data_invalid', 'AT clear while attested credential data follows', () => undefined, { flags: FLAG.UP | FLAG.UV }),
    'F-10': edited('authenticator_data_invalid', 'AT clear and no attested credential data', (o) => void o.set('authData', headerOnly(o, FLAG.UP | FLAG.UV))),
    'F-11': edited('authenticator_data_invalid', 'AT set and no attested credential data', (o) => void o.set('authData', headerOnly(o, FLAG.UP | FLAG.UV | FLAG.AT))),
    'F-12': edited('authenticator_data_invalid', 'two bytes after the attested credential data', () => undefined, { trailingBytes: Uint8Array.of(0xde, 0xad) }),
    'F-13': statement('an empty map', (s) => s.clear()),
    'F-14': statement('without alg', (s) => void s.delete('alg')),
    'F-15': statement('alg the text "ES256"', (s) => void s.set('alg', 'ES256')),
    'F-16': refused('attestation_invalid', 'full packed attestation of the certified model (metadata: ES256) with attStmt.alg RS256', (server) => attest(server, algNotTheMetadataOne(server))),
    'F-17': statement('without sig', (s) => void s.delete('sig')),
    'F-18': statement('sig a text string', (s) => void s.set('sig', 'signature')),
    'F-19': statement('sig an empty byte string', (s) => void s.set('sig', new Uint8Array())),
  },
};
