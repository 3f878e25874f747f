import assert from 'node:assert/strict';
import { accepted } from '../support/case-table.ts';
import type { GroupScenarios } from '../support/case-table.ts';
import { enrol } from '../support/ceremonies.ts';
import { RP_ID, ORIGIN } from '../support/conformance-server.ts';
import { device } from './authenticators.ts';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** GetAssertion Request: what /assertion/options answers. */
export const getAssertionRequest: GroupScenarios = {
  section: 'GetAssertion Request',
  group: 'Server-ServerPublicKeyCredentialGetOptionsResponse-Req-1',
  cases: {
    'P-1': accepted('options for a registered user, once per userVerification value; checks (a)–(g): envelope, challenge, echoed extensions, timeout, rpId, the one credential, userVerification as asked', async (server) => {
      const authenticator = device();
      const user = await enrol(server, authenticator);
      let last;
      for (const userVerification of ['required', 'preferred', 'discouraged']) {
        last = await user.client.post('/assertion/options', { username: user.username, userVerification, extensions: { 'example.extension': 'a test string' } });
        const b = last.body;
        assert.ok(typeof b.challenge === 'string' && BASE64URL.test(b.challenge) && Buffer.from(b.challenge, 'base64url').byteLength >= 16);
        assert.deepEqual(b.extensions, { 'example.extension': 'a test string' });
        assert.ok(typeof b.timeout === 'number' && b.timeout > 0);
        // (e): the RP ID is the origin's host or a registrable suffix of it.
        assert.ok(typeof b.rpId === 'string' && new URL(ORIGIN).hostname.endsWith(b.rpId) && b.rpId === RP_ID);
        assert.deepEqual(b.allowCredentials, [{ type: 'public-key', id: Buffer.from(authenticator.credentialId).toString('base64url') }]);
        assert.equal(b.userVerification, userVerification);
      }
      return last as NonNullable<typeof last>;
    }),
    'P-2': accepted('two option requests carry different challenges', async (server) => {
      const user = await enrol(server, device());
      const first = await user.client.post('/assertion/options', { username: user.username });
      const second = await user.client.post('/assertion/options', { username: user.username });
      assert.notEqual(first.body.challenge, second.body.challenge);
      return second;
    }),
  },
};
