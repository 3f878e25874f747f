import assert from 'node:assert/strict';
import { accepted } from '../support/case-table.ts';
import type { GroupScenarios } from '../support/case-table.ts';
import { attestationOptions, uniqueUsername } from '../support/ceremonies.ts';
import { RP_ID } from '../support/conformance-server.ts';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const bytesOf = (text: unknown): number => Buffer.from(String(text), 'base64url').byteLength;

/** MakeCredential Request: what /attestation/options answers. */
export const makeCredentialRequest: GroupScenarios = {
  section: 'MakeCredential Request',
  group: 'Server-ServerPublicKeyCredentialCreationOptions-Req-1',
  cases: {
    'P-1': accepted('options with extensions; checks (a)–(h) of the case: envelope, user, rp, challenge, pubKeyCredParams, timeout, echoed extensions', async (server) => {
      const reply = await server.client().post('/attestation/options', attestationOptions(uniqueUsername('opts'), { extensions: { 'example.extension': true } }));
      const b = reply.body;
      const user = b.user as Record<string, unknown>;
      assert.ok(typeof user.name === 'string' && typeof user.displayName === 'string');
      assert.ok(typeof user.id === 'string' && BASE64URL.test(user.id) && bytesOf(user.id) > 0 && bytesOf(user.id) <= 64);
      assert.deepEqual(b.rp, { name: 'Sigil Conformance', id: RP_ID });
      assert.ok(typeof b.challenge === 'string' && BASE64URL.test(b.challenge) && bytesOf(b.challenge) >= 16);
      const params = b.pubKeyCredParams as { type: unknown; alg: unknown }[];
      assert.ok(params.every((p) => typeof p.type === 'string' && typeof p.alg === 'number'));
      assert.ok(params.some((p) => p.type === 'public-key' && p.alg === -7));
      assert.ok(typeof b.timeout === 'number' && b.timeout > 0);
      assert.deepEqual(b.extensions, { 'example.extension': true });
      return reply;
    }),
    'P-2': accepted('options asking for "none" attestation answer attestation "none"', async (server) => {
      const reply = await server.client().post('/attestation/options', attestationOptions(uniqueUsername('opts'), { attestation: 'none' }));
      assert.equal(reply.body.attestation, 'none');
      return reply;
    }),
    'P-3': accepted('two option requests carry different challenges', async (server) => {
      const client = server.client();
      const first = await client.post('/attestation/options', attestationOptions(uniqueUsername('opts')));
      const second = await client.post('/attestation/options', attestationOptions(uniqueUsername('opts')));
      assert.notEqual(first.body.challenge, second.body.challenge);
      return second;
    }),
  },
};
