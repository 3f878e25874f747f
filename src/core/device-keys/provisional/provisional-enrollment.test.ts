import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { testServiceSettings } from '../../../config/test-services.ts';
import { parseDevicePublicKey } from '../../../crypto/device-keys/index.ts';
import { rejectsDomainError } from '../../../testing/authenticator/assert-domain-error.ts';
import { createTestServices, type TestServices } from '../../../testing/test-services.ts';
import type { RequestContext } from '../../deps.ts';
import { isDomainError } from '../../errors.ts';
import type { Tenant } from '../../tenant.ts';
import { enrollForUsername } from '../enroll-for-username.ts';
import { issueDeviceChallenge } from '../issue-device-challenge.ts';
import { verifyDeviceKey } from '../verify-device-key.ts';
import { decodeProvisionalEnrollment, encodeProvisionalEnrollment } from './provisional-enrollment.ts';

const ctx: RequestContext = { requestId: 'r', ip: null, actor: 'test', logger: { info() {}, warn() {}, error() {} } };

function ed25519() {
  const pair = generateKeyPairSync('ed25519');
  const hex = pair.publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('hex');
  return { key: parseDevicePublicKey(hex, { encoding: 'ed25519-hex' }), sign: (m: Uint8Array) => new Uint8Array(sign(null, m, pair.privateKey)) };
}

function runProvisional(name: string, env: Record<string, string>): void {
  describe(`provisional enrollments (${name})`, () => {
    let s: TestServices;
    let tenant: Tenant;
    before(async () => {
      s = await createTestServices({ env });
      tenant = s.core.tenants.defaultTenant();
    });
    after(() => s.dispose());

    const hold = (username: string, device: ReturnType<typeof ed25519>) =>
      enrollForUsername(s.core, ctx, tenant, { username, deviceId: 'd', name: 'rawid', origin: { enrolledVia: 'biokey' }, identity: { kind: 'key', key: device.key }, authority: { kind: 'none' } });
    const signIn = async (username: string, device: ReturnType<typeof ed25519>) => {
      const c = await issueDeviceChallenge(s.core, tenant, { account: { username }, handle: 'value' });
      return verifyDeviceKey(s.core, ctx, tenant, { account: { username }, challengeHandle: c.handle, proof: { kind: 'signature', signature: device.sign(c.challenge) } });
    };

    it('keeps the records to be stored byte for byte in the ephemeral store', async () => {
      const result = await hold('round-trip', ed25519());
      assert.equal(result.kind, 'provisional');
      if (result.kind !== 'provisional') return;
      assert.deepEqual(decodeProvisionalEnrollment(encodeProvisionalEnrollment(result.enrollment)), result.enrollment);
      assert.ok(result.enrollment.credentials[0]?.publicKey instanceof Uint8Array);
    });

    it('lets exactly one of two concurrent first proofs create the account', async () => {
      const device = ed25519();
      await hold('racer', device);
      const outcomes = await Promise.allSettled([signIn('racer', device), signIn('racer', device)]);
      const user = await s.core.storage.users.getByUsername(tenant.id, 'racer');
      assert.ok(user, 'the account exists');
      const credentials = await s.core.storage.credentials.listByUser(tenant.id, user.id);
      assert.equal(credentials.length, 1, 'one credential, stored once');
      assert.ok(outcomes.some((o) => o.status === 'fulfilled'));
      for (const o of outcomes) if (o.status === 'rejected') assert.ok(isDomainError(o.reason) && o.reason.code === 'signature_invalid', String(o.reason));
    });

    it('refuses to hold a key already bound, and lets the management API sign up at once', async () => {
      const device = ed25519();
      await hold('first-owner', device);
      await signIn('first-owner', device);
      await rejectsDomainError(hold('second-owner', device), 'credential_conflict');
      const managed = await enrollForUsername(s.core, ctx, tenant, {
        username: 'managed', deviceId: 'd', name: 'rawid', origin: { enrolledVia: 'biokey' }, identity: { kind: 'key', key: ed25519().key }, authority: { kind: 'management', apiKeyId: 'k' },
      });
      assert.equal(managed.kind, 'bound');
      assert.ok(await s.core.storage.users.getByUsername(tenant.id, 'managed'));
    });
  });
}

const redisUrl = testServiceSettings().redisUrl ?? '';
const required = testServiceSettings().required;
runProvisional('memory', {});
if (redisUrl !== '') {
  const prefix = `sigil-test:${randomUUID()}:`;
  runProvisional('redis', { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix });
  after(async () => {
    const admin = new Redis(redisUrl);
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });
} else if (required) {
  it('provisional enrollments on redis have a server to run against', () => assert.fail('TEST_REQUIRE_SERVICES=1 but TEST_REDIS_URL is not set'));
} else {
  describe('provisional enrollments (redis)', { skip: 'TEST_REDIS_URL not set' }, () => {});
}
