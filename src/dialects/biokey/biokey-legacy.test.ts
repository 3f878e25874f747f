import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compose } from '../../compose.ts';
import { loadConfig } from '../../config/load.ts';
import { buildApp } from '../../http/app.ts';
import { createLogger } from '../../logger.ts';
import { FixedClock } from '../../testing/fixed-clock.ts';
import { TEST_MASTER_KEY } from '../../testing/test-services.ts';
import { nodeEd25519, startBioKeyHarness, type BioKeyHarness } from './biokey-harness.ts';

const WARNING = 'tenant default: BioKey insecure legacy mode is on (/verify accepts no proof of possession)';

describe('BioKey insecure legacy mode: only behind the switch, loudly', () => {
  it('logs a warning at every start and shows it in /ready', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigil-biokey-legacy-'));
    const lines: string[] = [];
    const config = loadConfig({ DATA_DIR: dataDir, MASTER_KEY: TEST_MASTER_KEY, DIALECTS: 'native,biokey', BIOKEY_INSECURE_LEGACY_MODE: 'true', LOG_LEVEL: 'warn' });
    try {
      for (let start = 1; start <= 2; start++) {
        const services = await compose(config, { clock: new FixedClock(), logger: createLogger('warn', { write: (line: string) => lines.push(line) }) });
        const app = await buildApp(services);
        const ready = (await app.inject('/ready')).json() as { warnings: string[] };
        assert.ok(ready.warnings.includes(WARNING));
        assert.equal(lines.filter((l) => (JSON.parse(l) as { msg: string }).msg === `!!! ${WARNING} !!!`).length, start, `warned on start ${start}`);
        await app.close();
        await services.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('is off by default: no warning', async () => {
    const h = await startBioKeyHarness();
    const ready = (await h.app.inject('/ready')).json() as { warnings: string[] };
    assert.deepEqual(ready.warnings.filter((w) => w.includes('BioKey')), []);
    await h.close();
  });
});

describe('BioKey v0.1.0 behaviour under the switch (default tenant on, acme off)', () => {
  let h: BioKeyHarness;
  before(async () => {
    h = await startBioKeyHarness({ BIOKEY_INSECURE_LEGACY_MODE: 'true' });
  });
  after(() => h.close());

  const verify = async (userId: string, prefix = '') => h.call('POST', `${prefix}/verify`, { userId, challenge: await h.challenge(prefix) });

  it('enrolls any 64-character value, overwrites on re-enroll, and "verifies" without proof', async () => {
    const first = 'not-hex-at-all-but-sixty-four-characters-long-0123456789abcdefgh';
    const second = 'f'.repeat(64);
    assert.deepEqual(await h.call('POST', '/enroll', { userId: 'leo', publicKey: first, deviceId: 'd1' }), { status: 200, body: { ok: true, userId: 'leo', publicKey: first, method: 'rawid' } });
    assert.equal((await h.call('POST', '/enroll', { userId: 'leo', publicKey: second, deviceId: 'd2', method: 'prf' })).status, 200);
    assert.deepEqual(await verify('leo'), { status: 200, body: { verified: true, publicKey: second, userId: 'leo', method: 'prf' } });
    assert.deepEqual(await h.call('POST', '/enroll', { userId: 'leo', publicKey: 'short', deviceId: 'd' }), { status: 400, body: { error: 'Invalid publicKey format' } });
  });

  it('keeps the value sealed at rest (it may be a PRF secret)', async () => {
    const secret = 'a1'.repeat(32);
    await h.call('POST', '/enroll', { userId: 'sealed', publicKey: secret, deviceId: 'd' });
    const user = await h.s.core.storage.users.getByUsername(h.s.core.tenants.defaultTenant().id, 'sealed');
    const [stored] = await h.s.core.storage.credentials.listByUser(h.s.core.tenants.defaultTenant().id, user?.id ?? '');
    // A legacy identity, not a key: nothing of it poses as a public key.
    assert.ok(stored?.kind === 'legacy_identity');
    assert.deepEqual([stored.enrolledVia, 'publicKey' in stored, 'algorithm' in stored], ['biokey', false, false]);
    const text = stored.sealedValue;
    assert.match(text, /^s1\./);
    assert.ok(!text.includes(secret) && !text.includes(Buffer.from(secret).toString('base64url')));
  });

  it('answers v0.1.0 statuses: 404 unknown userId (challenge kept), 401 used or expired challenge, no token', async () => {
    await h.call('POST', '/enroll', { userId: 'mia', publicKey: 'b'.repeat(64), deviceId: 'd' });
    const c = await h.challenge();
    assert.deepEqual(await h.call('POST', '/verify', { userId: 'nobody', challenge: c }), { status: 404, body: { error: 'Unknown userId' } });
    const ok = await h.call('POST', '/verify', { userId: 'mia', challenge: c });
    assert.deepEqual(ok, { status: 200, body: { verified: true, publicKey: 'b'.repeat(64), userId: 'mia', method: 'rawid' } });
    assert.deepEqual(await h.call('POST', '/verify', { userId: 'mia', challenge: c }), { status: 401, body: { error: 'Invalid or expired challenge' } });
    const late = await h.challenge();
    h.s.clock.advance(300_000);
    assert.deepEqual(await h.call('POST', '/verify', { userId: 'mia', challenge: late }), { status: 401, body: { error: 'Invalid or expired challenge' } });
  });

  it('checks a proof when one is sent; a proof-free answer never carries a token', async () => {
    const key = nodeEd25519();
    assert.equal((await h.call('POST', '/enroll', { userId: 'nina', publicKey: key.hex, deviceId: 'd' }, { authorization: 'Bearer x' })).status, 401, 'a header asks for the secure path');
    await h.call('POST', '/enroll', { userId: 'nina', publicKey: 'c'.repeat(64), deviceId: 'd' });
    const c = await h.challenge();
    assert.deepEqual(await h.call('POST', '/verify', { userId: 'nina', challenge: c, signature: key.sign(Buffer.from(c, 'hex')) }), { status: 401, body: { error: 'Authentication failed' } });
    assert.equal((await h.call('POST', '/verify', { userId: 'nina', challenge: await h.challenge() })).status, 200);
  });

  it('does not confirm a disabled user, even without a proof', async () => {
    assert.equal((await h.call('POST', '/enroll', { userId: 'nora', publicKey: 'e'.repeat(64), deviceId: 'd1' })).status, 200);
    const tenant = h.s.core.tenants.defaultTenant();
    const nora = await h.s.core.storage.users.getByUsername(tenant.id, 'nora');
    await h.s.core.storage.users.update(tenant.id, nora!.id, { status: 'disabled', updatedAt: h.s.clock.now() });
    assert.deepEqual(await verify('nora'), { status: 401, body: { error: 'Authentication failed' } });
  });

  it('leaves a tenant without the switch secure', async () => {
    assert.equal((await h.call('POST', '/t/acme/enroll', { userId: 'leo', publicKey: 'f'.repeat(64), deviceId: 'd' })).status, 400);
    const key = nodeEd25519();
    await h.enroll('leo', key, {}, '/t/acme');
    assert.deepEqual(await verify('leo', '/t/acme'), { status: 400, body: { error: 'Missing required fields: userId, challenge, signature' } });
    assert.equal((await h.verify('leo', key, '/t/acme')).status, 200);
    assert.deepEqual(await h.enroll('leo', nodeEd25519(), {}, '/t/acme'), { status: 409, body: { error: 'Already enrolled' } });
  });

  it('records each proof-free step in the audit trail as insecure', async () => {
    const events = await h.s.core.storage.audit.list(h.s.core.tenants.defaultTenant().id, { limit: 200 });
    const insecure = events.filter((e) => e.detail?.['insecure'] === true).map((e) => e.action);
    assert.ok(insecure.includes('device-key.legacy-enrolled') && insecure.includes('device-key.confirmed-without-proof'));
  });
});
