import assert from 'node:assert/strict';
import { mutateJson, REMOVE } from '../../../src/testing/authenticator/mutate-json.ts';
import { accepted, refused } from '../support/case-table.ts';
import type { GroupScenarios, Scenario } from '../support/case-table.ts';
import { attest, attestationOptions, uniqueUsername } from '../support/ceremonies.ts';
import { ORIGIN, RP_ID } from '../support/conformance-server.ts';
import { device, fullPacked, registration } from './authenticators.ts';

/** A valid self-attested response with one member replaced (or removed). */
function envelope(path: string, value: unknown, how: string): Scenario {
  return refused('invalid_request', how, (server) => attest(server, (turn) => mutateJson(registration(device(), turn, { attestation: 'packed-self' }), path, value)));
}

/** MakeCredential Response Resp-1: the PublicKeyCredential envelope of /attestation/result. */
export const attestationStructure: GroupScenarios = {
  section: 'MakeCredential Response',
  group: 'Server-ServerAuthenticatorAttestationResponse-Resp-1',
  cases: {
    'P-1': accepted('full packed registration; the next options for that username list it in excludeCredentials', async (server) => {
      const client = server.client();
      const username = uniqueUsername('exclude');
      const options = await client.post('/attestation/options', attestationOptions(username));
      const request = { challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN };
      const done = await client.post('/attestation/result', fullPacked(server)({ options: options.body, request }));
      assert.equal(done.status, 200, JSON.stringify(done.body));
      const again = await client.post('/attestation/options', attestationOptions(username));
      assert.deepEqual((again.body.excludeCredentials as { id: string }[]).map((c) => c.id), [done.body.credentialId]);
      return again;
    }),
    'F-1': envelope('id', REMOVE, 'no id'),
    'F-2': envelope('id', 42, 'id a number'),
    'F-3': envelope('id', 'not/base64url+', 'id with + and /'),
    'F-4': envelope('type', REMOVE, 'no type'),
    'F-5': envelope('type', ['public-key'], 'type an array'),
    'F-6': envelope('type', 'private-key', 'type "private-key"'),
    'F-7': envelope('response', REMOVE, 'no response'),
    'F-8': envelope('response', 'response', 'response a string'),
    'F-9': envelope('response.clientDataJSON', REMOVE, 'no response.clientDataJSON'),
    'F-10': envelope('response.clientDataJSON', { type: 'webauthn.create' }, 'response.clientDataJSON an object'),
    'F-11': envelope('response.clientDataJSON', '', 'response.clientDataJSON ""'),
    'F-12': envelope('response.attestationObject', REMOVE, 'no response.attestationObject'),
    'F-13': envelope('response.attestationObject', 7, 'response.attestationObject a number'),
    'F-14': envelope('response.attestationObject', '', 'response.attestationObject ""'),
  },
};
