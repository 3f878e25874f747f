import assert from 'node:assert/strict';
import { join } from 'node:path';
import { compose } from '../../../src/compose.ts';
import { ConfigError, loadConfig } from '../../../src/config/load.ts';
import { createLogger } from '../../../src/logger.ts';
import { FixedClock } from '../../../src/testing/fixed-clock.ts';
import { TEST_MASTER_KEY } from '../../../src/testing/test-services.ts';
import { accepted, refused } from '../support/case-table.ts';
import type { GroupScenarios, Scenario } from '../support/case-table.ts';
import { attest } from '../support/ceremonies.ts';
import { CONFORMANCE_ENV, metadataEnv } from '../support/conformance-server.ts';
import { BLOCKED, ORPHAN } from '../support/conformance-pki.ts';
import type { BlobDefect } from '../support/conformance-pki.ts';
import { fullPacked } from './authenticators.ts';

/**
 * A BLOB broken as `defect` says cannot be loaded: Sigil refuses to start on it (asserted
 * here, with the reason). The server the operator can start, on the valid BLOB, then refuses
 * the full attestation of the model only the broken BLOB described (its chain reaches no root
 * Sigil knows, and UNANCHORED_ATTESTATION is `refuse`).
 */
function brokenBlob(defect: BlobDefect, reason: RegExp): Scenario {
  return refused('attestation_untrusted', `a BLOB whose ${defect} stops the start (${reason.source}); the valid-BLOB server refuses the model only it listed`, async (server) => {
    const name = defect.replace(/\W+/g, '-');
    const env = { ...CONFORMANCE_ENV, ...metadataEnv(server.dir, await server.pki.brokenBlob(defect), name), DATA_DIR: join(server.dir, name), MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'silent' };
    await assert.rejects(compose(loadConfig(env), { clock: new FixedClock(), logger: createLogger('silent') }), (error: unknown) => {
      assert.ok(error instanceof ConfigError, String(error));
      assert.match(error.message, /MDS_BLOB_PATH: the FIDO metadata BLOB .* is refused/);
      assert.match(error.message, reason);
      return true;
    });
    return attest(server, fullPacked(server, {}, server.pki.vendor.identity, ORPHAN));
  });
}

/** Metadata Service Tests: the BLOB's verification and its status reports. */
export const metadataService: GroupScenarios = {
  section: 'Metadata Service Tests',
  group: 'Server-ServerAuthenticatorAttestationResponse-Resp-1',
  cases: {
    'P-1': accepted('full packed attestation of the certified model: trusted through the BLOB, stored under its description', async (server) => {
      const reply = await attest(server, fullPacked(server));
      const stored = await server.services.core.storage.credentials.getByCredentialId(server.services.core.tenants.defaultTenant().id, new Uint8Array(Buffer.from(String(reply.body.credentialId), 'base64url')));
      assert.deepEqual(stored?.kind === 'passkey' && [stored.attestationTrust, stored.name], ['trusted', 'Sigil Conformance Key']);
      return reply;
    }),
    // MDS3 carries statements inside the signed BLOB (no per-entry hash as in MDS2's TOC), so a
    // statement changed after signing is caught by the BLOB signature.
    'F-1': brokenBlob('payload changed after signing', /signature/),
    'F-2': refused('authenticator_not_allowed', 'full packed attestation of models whose latest status is USER_VERIFICATION_BYPASS, ATTESTATION_KEY_COMPROMISE, USER_KEY_REMOTE_COMPROMISE, USER_KEY_PHYSICAL_COMPROMISE (and REVOKED)', async (server) => {
      const replies = [];
      for (const [, model] of BLOCKED) replies.push(await attest(server, fullPacked(server, {}, server.pki.vendor.identity, model)));
      for (const reply of replies) assert.deepEqual([reply.status, reply.body], [403, { status: 'failed', errorMessage: 'This authenticator is not allowed.' }]);
      return replies.at(-1) as (typeof replies)[number];
    }),
    'F-3': brokenBlob('signed by another key', /signature/),
    'F-4': brokenBlob('chain does not link', /not issued/),
    'F-5': brokenBlob('intermediate revoked', /revoked/),
    'F-6': brokenBlob('signer revoked', /revoked/),
  },
};
