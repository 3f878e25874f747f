import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testServiceSettings } from '../../config/test-services.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { ORIGIN, RP_ID, startAppKeyHarness, type AppKeyHarness } from './appkey-harness.ts';

const redisUrl = testServiceSettings().redisUrl;
const required = testServiceSettings().required;

if (redisUrl === null && required) {
  it('Redis is configured for the AppKey ephemeral-state run', () => assert.fail('TEST_REDIS_URL must be set when TEST_REQUIRE_SERVICES=1'));
}

describe('AppKey ceremonies and signup codes with Redis as the ephemeral store', { skip: redisUrl === null && !required ? 'TEST_REDIS_URL not set' : false }, () => {
  let h: AppKeyHarness;
  before(async () => {
    h = await startAppKeyHarness({ REDIS_URL: redisUrl as string, REDIS_KEY_PREFIX: `sigil-appkey-${randomBytes(4).toString('hex')}:` });
  });
  after(async () => {
    await h?.close();
  });

  it('signs up with a code and logs in; a ceremony is taken once; five wrong codes kill the signup token', async () => {
    const handle = 'redis@example.com';
    const authenticator = new SoftwareAuthenticator({ seed: 'redis' });
    const options = await h.call('POST', 'signup', { body: { handle, displayName: 'R' } });
    const created = authenticator.register({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    const confirmed = await h.call('POST', 'signupConfirm', { body: { ...created, handle } });
    assert.equal(confirmed.status, 200, confirmed.text);
    const replay = await h.call('POST', 'signupConfirm', { body: { ...created, handle } });
    assert.deepEqual([replay.status, replay.body], [400, { code: 615, message: 'invalid passkey' }]);
    const headers = { 'app-token': '', 'signup-token': confirmed.body['signup-token'] as string };
    const done = await h.call('POST', 'signupComplete', { body: { code: h.smtp.latestCodeFor(handle) }, headers });
    assert.equal(done.status, 200, done.text);
    assert.equal((await h.login(handle, authenticator)).status, 200);

    const other = 'redis-brute@example.com';
    const o2 = await h.call('POST', 'signup', { body: { handle: other, displayName: 'B' } });
    const c2 = new SoftwareAuthenticator({ seed: 'redis-brute' }).register({ challenge: o2.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    const conf2 = await h.call('POST', 'signupConfirm', { body: { ...c2, handle: other } });
    const code = h.smtp.latestCodeFor(other) as string;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const h2 = { 'app-token': '', 'signup-token': conf2.body['signup-token'] as string };
    for (let i = 0; i < 5; i++) assert.equal((await h.call('POST', 'signupComplete', { body: { code: wrong }, headers: h2 })).body.code, 602);
    const right = await h.call('POST', 'signupComplete', { body: { code }, headers: h2 });
    assert.deepEqual([right.status, right.body], [400, { code: 411, message: 'expired signup code' }]);
  });
});
