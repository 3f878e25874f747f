/**
 * The settings docs/conformance.md asks for, one at a time: the conformance-only switches are
 * off by default and loud when on, and a loaded BLOB's status reports bind whatever the
 * attestation (none included) and whatever UNANCHORED_ATTESTATION says.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { buildApp } from '../../src/http/app.ts';
import { FLAG } from '../../src/testing/authenticator/authenticator-data-builder.ts';
import { FixedClock } from '../../src/testing/fixed-clock.ts';
import { conformancePath } from '../../src/core/passkeys/vectors/conformance-data.ts';
import { createTestServices, TEST_MASTER_KEY } from '../../src/testing/test-services.ts';
import { REPO_ROOT } from '../support/start-server.ts';
import { attest, enrol, loginOnce } from './support/ceremonies.ts';
import type { Answer } from './support/ceremonies.ts';
import { assertion } from './cases/assertion-structure.ts';
import { device, fullPacked, registration } from './cases/authenticators.ts';
import { BLOCKED, CERTIFIED, ConformancePki, ORPHAN } from './support/conformance-pki.ts';
import { CONFORMANCE_ENV, metadataEnv } from './support/conformance-server.ts';
import type { ConformanceServer } from './support/conformance-server.ts';
import { ToolClient } from './support/tool-client.ts';

const pki = new ConformancePki();
const dir = mkdtempSync(join(tmpdir(), 'sigil-conformance-settings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Sigil with the conformance tenant's RP, plus `env`; closed after the test. */
async function serverWith(env: Record<string, string>, t: TestContext, clock = new FixedClock()): Promise<ConformanceServer> {
  const services = await createTestServices({ env: { RP_ID: CONFORMANCE_ENV.RP_ID as string, ORIGINS: CONFORMANCE_ENV.ORIGINS as string, RATE_LIMIT_ENABLED: 'false', ...env }, clock });
  const app = await buildApp(services);
  t.after(async () => {
    await app.close();
    await services.dispose();
  });
  return { services, app, pki, dir, client: () => new ToolClient(app), close: async () => undefined };
}

const warningsOf = async (server: ConformanceServer): Promise<string[]> => ((await server.app.inject('/ready')).json() as { warnings: string[] }).warnings;

const withoutPresence: (authenticator: ReturnType<typeof device>, user: Awaited<ReturnType<typeof enrol>>) => Answer = (authenticator, user) => (turn) =>
  assertion(authenticator, turn, user, { tamper: { flags: 0 } });

describe('conformance-only switches', () => {
  it('are off by default: a login without UP is refused, an existing username needs a token, /ready is quiet', async (t) => {
    const server = await serverWith({}, t);
    const authenticator = device();
    const user = await enrol(server, authenticator);
    const login = await loginOnce(user, withoutPresence(authenticator, user));
    assert.deepEqual([login.status, login.body], [400, { status: 'failed', errorMessage: 'User presence is required.' }]);
    const again = await user.client.post('/attestation/options', { username: user.username });
    assert.equal(again.status, 403);
    assert.deepEqual(await warningsOf(server), []);
  });

  it('when on, accept a login without UP (UV still enforced), keep UP for registration, and say so in /ready', async (t) => {
    const server = await serverWith({ INSECURE_OPEN_REGISTRATION: 'true', INSECURE_ALLOW_LOGIN_WITHOUT_USER_PRESENCE: 'true', USER_VERIFICATION: 'discouraged' }, t);
    const authenticator = device();
    const user = await enrol(server, authenticator);
    assert.equal((await loginOnce(user, withoutPresence(authenticator, user))).status, 200);
    const noUv = await loginOnce(user, withoutPresence(authenticator, user), 'required');
    assert.deepEqual([noUv.status, noUv.body.errorMessage], [400, 'User verification is required.']);
    const registered = await attest(server, (turn) => registration(device(), turn, { tamper: { flags: FLAG.AT } }));
    assert.deepEqual([registered.status, registered.body.errorMessage], [400, 'User presence is required.']);
    assert.deepEqual(await warningsOf(server), [
      'tenant default: insecure open registration is on (anyone may add a passkey to any username)',
      'tenant default: insecure login without user presence is on (assertions without the UP flag are accepted)',
    ]);
  });
});

describe('a metadata BLOB from MDS_BLOB_PATH', () => {
  it('refuses blocked models whatever they send, none attestation included, while unanchored chains are accepted', async (t) => {
    const server = await serverWith(metadataEnv(dir, await pki.validBlob(), 'accepting'), t);
    for (const [status, model] of BLOCKED) {
      const none = await attest(server, (turn) => registration(device({ model }), turn));
      assert.deepEqual([none.status, none.body.errorMessage], [403, 'This authenticator is not allowed.'], status);
    }
    const orphan = await attest(server, fullPacked(server, {}, pki.vendor.identity, ORPHAN));
    assert.equal(orphan.status, 200, 'UNANCHORED_ATTESTATION defaults to accept');
    const certified = await attest(server, fullPacked(server, {}, pki.vendor.identity, CERTIFIED));
    assert.equal(certified.status, 200);
    assert.deepEqual(await warningsOf(server), []);
  });

  it('past its nextUpdate (2027-01-01) still loads and verifies, with a warning in /ready', async (t) => {
    const server = await serverWith(metadataEnv(dir, await pki.validBlob(), 'stale'), t, new FixedClock('2027-01-02T00:00:00Z'));
    assert.deepEqual(await warningsOf(server), ['FIDO metadata BLOB no. 1 is stale: its nextUpdate 2027-01-01 has passed; download a current one from https://mds3.fidoalliance.org/']);
    assert.equal((await attest(server, fullPacked(server, {}, pki.vendor.identity, (BLOCKED[0] as (typeof BLOCKED)[number])[1]))).status, 403);
  });

  it('that does not verify stops `npm start` with the setting, the file and the reason', () => {
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'refused-start'), MASTER_KEY: TEST_MASTER_KEY, MDS_BLOB_PATH: conformancePath('webauthn4j-mds', 'mds3-blob.jwt') };
    const r = spawnSync(process.execPath, ['src/http/server.ts'], { cwd: REPO_ROOT, env, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^Sigil failed to start: invalid configuration:\n {2}- MDS_BLOB_PATH: the FIDO metadata BLOB \S+mds3-blob\.jwt is refused \(download a current one from https:\/\/mds3\.fidoalliance\.org\/\): metadata BLOB: certificate 0 .* is not valid at /);
    assert.equal(r.stderr.includes('    at '), false, 'no stack trace');
  });
});
