import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { after, before, describe, it } from 'node:test';
import { startFakeTwilio, startSmtpCatcher, type FakeTwilio, type SmtpCatcher } from '../../messaging/testing/index.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { APP_ID, ephemeralBackends, MGMT, startLoginIdHarness, type LoginIdHarness } from './loginid-harness.ts';

const user = (username: string) => ({ user: { username, usernameType: 'email' } });

for (const backend of ephemeralBackends()) {
  describe(`LoginID one-time codes and profile, through a real SMTP server and the Twilio fake (${backend.name})`, { skip: backend.env === null ? 'TEST_REDIS_URL not set' : false }, () => {
    let h: LoginIdHarness;
    let mail: SmtpCatcher;
    let sms: FakeTwilio;
    let userId: string;
    let token: string;
    before(async () => {
      mail = await startSmtpCatcher();
      sms = await startFakeTwilio();
      h = await startLoginIdHarness({ ...mail.env, ...sms.env, ...backend.env });
      const reg = await h.register('otp@example.com', new SoftwareAuthenticator({ seed: 'otp' }));
      [userId, token] = [reg.body.userId as string, reg.body.jwtAccess as string];
    });
    after(async () => {
      await h?.close();
      await mail?.close();
      await sms?.close();
      await backend.cleanup();
    });

    it('offers every deliverable method in crossAuth', async () => {
      const res = await h.call('POST', '/fido2/v2/auth/init', { app: { id: APP_ID }, deviceInfo: {}, ...user('someone-else') });
      assert.deepEqual([res.body.action, res.body.crossAuthMethods], ['crossAuth', ['otp', 'otp:email', 'otp:sms']]);
    });

    it('emails a code (204) that auth/otp/verify exchanges once for a JWT', async () => {
      const sent = await h.call('POST', '/fido2/v2/auth/otp/email', user('otp@example.com'));
      assert.deepEqual([sent.status, sent.text], [204, '']);
      const code = mail.latestCodeFor('otp@example.com');
      assert.match(code ?? '', /^\d{6}$/);
      const ok = await h.call('POST', '/fido2/v2/auth/otp/verify', { authCode: code, ...user('otp@example.com') });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(Object.keys(ok.body).sort(), ['jwtAccess', 'userId']);
      assert.deepEqual([decodeJwt(ok.body.jwtAccess as string).amr, ok.body.userId], [['otp'], userId]);
      const again = await h.call('POST', '/fido2/v2/auth/otp/verify', { authCode: code, ...user('otp@example.com') });
      assert.deepEqual([again.status, again.body], [401, { msg: 'The code is wrong or no longer valid.', msgCode: 'unauthorized' }]);
    });

    it('answers 204 for an unknown user and sends nothing', async () => {
      const before = mail.messages.length;
      const res = await h.call('POST', '/fido2/v2/auth/otp/email', user('ghost@example.com'));
      assert.deepEqual([res.status, mail.messages.length], [204, before]);
      const sms204 = await h.call('POST', '/fido2/v2/auth/otp/sms', user('ghost@example.com'));
      assert.equal(sms204.status, 204);
      const verify = await h.call('POST', '/fido2/v2/auth/otp/verify', { authCode: '123456', ...user('ghost@example.com') });
      assert.deepEqual([verify.status, verify.body.msgCode], [401, 'unauthorized']);
    });

    it('throttles email sends alike for an unknown name and a known one: the 6th in 15 minutes is 429 for both', async () => {
      await h.register('throttled@example.com', new SoftwareAuthenticator({ seed: 'throttled' }));
      for (const username of ['throttled@example.com', 'unknown-throttled@example.com']) {
        const statuses = [];
        for (let i = 0; i < 6; i++) statuses.push((await h.call('POST', '/fido2/v2/auth/otp/email', user(username))).status);
        assert.deepEqual(statuses, [204, 204, 204, 204, 204, 429], username);
      }
    });

    it('kills a code after 5 wrong tries: the 6th fails even with the right code', async () => {
      await h.call('POST', '/fido2/v2/auth/otp/email', user('otp@example.com'));
      const code = mail.latestCodeFor('otp@example.com') as string;
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        const res = await h.call('POST', '/fido2/v2/auth/otp/verify', { authCode: wrong, ...user('otp@example.com') });
        assert.equal(res.status, 401);
      }
      const right = await h.call('POST', '/fido2/v2/auth/otp/verify', { authCode: code, ...user('otp@example.com') });
      assert.deepEqual([right.status, right.body], [429, { msg: 'Too many failed attempts; retry later.', msgCode: 'too_many_requests' }]);
    });

    it('shows a signed-in user a code (auth/otp, auth:write) that signs in elsewhere', async () => {
      const res = await h.call('POST', '/fido2/v2/auth/otp', undefined, { authorization: token });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'expiresAt']);
      assert.equal(res.body.expiresAt, new Date(h.s.clock.now() + 300_000).toISOString().replace('.000Z', 'Z'));
      const ok = await h.call('POST', '/fido2/v2/auth/otp/verify', { authCode: res.body.code, ...user('otp@example.com') });
      assert.equal(ok.status, 200);
      const none = await h.call('POST', '/fido2/v2/auth/otp');
      assert.deepEqual([none.status, none.body.msgCode], [401, 'unauthorized']);
      const grant = await h.call('POST', '/fido2/v2/mgmt/grant', { grants: ['passkey:read'], username: 'otp@example.com' }, MGMT);
      const narrow = await h.call('POST', '/fido2/v2/auth/otp', undefined, { authorization: `Bearer ${grant.body.token as string}` });
      assert.deepEqual([narrow.status, narrow.body.msgCode], [403, 'forbidden']);
    });

    it('verifies a phone by SMS (consent required), then sends login codes there', async () => {
      const noConsent = await h.call('POST', `/fido2/v2/profile/${userId}/phone`, { phoneNumber: '+14161234567', requestVerification: true }, MGMT);
      assert.deepEqual([noConsent.status, noConsent.body.msgCode], [400, 'bad_request']);
      // The seed's request sample.
      const set = await h.call('POST', `/fido2/v2/profile/${userId}/phone`, { messagingConsent: true, phoneNumber: '+14161234567', requestVerification: true }, MGMT);
      assert.equal(set.status, 204, set.text);
      const code = sms.latestCodeFor('+14161234567');
      assert.match(code ?? '', /^\d{6}$/);
      const verified = await h.call('POST', '/fido2/v2/profile/phone/verify', { authCode: code, username: 'otp@example.com' });
      assert.equal(verified.status, 204, verified.text);
      const stored = await h.s.core.storage.users.getById(h.s.core.tenants.defaultTenant().id, userId);
      assert.deepEqual([stored?.phone, stored?.phoneVerified], ['+14161234567', true]);

      assert.equal((await h.call('POST', '/fido2/v2/auth/otp/sms', user('otp@example.com'))).status, 204);
      const login = await h.call('POST', '/fido2/v2/auth/otp/verify', { authCode: sms.latestCodeFor('+14161234567'), ...user('otp@example.com') });
      assert.equal(login.status, 200, login.text);

      sms.failNext();
      const failed = await h.call('POST', '/fido2/v2/auth/otp/sms', user('otp@example.com'));
      assert.deepEqual([failed.status, failed.body.msgCode], [503, 'service_unavailable']);
    });

    it('changes the profile email after verification, sets it at once without, and removes it', async () => {
      const asked = await h.call('POST', `/fido2/v2/profile/${userId}/email`, { email: 'luke.skywalker@tatuin.com', requestVerification: true }, MGMT);
      assert.equal(asked.status, 204, asked.text);
      const wrong = await h.call('POST', '/fido2/v2/profile/email/verify', { authCode: '999999', username: 'otp@example.com' });
      assert.equal(wrong.status, 401);
      const ok = await h.call('POST', '/fido2/v2/profile/email/verify', { authCode: mail.latestCodeFor('luke.skywalker@tatuin.com'), username: 'otp@example.com' });
      assert.equal(ok.status, 204, ok.text);
      const tenantId = h.s.core.tenants.defaultTenant().id;
      assert.deepEqual(((u) => [u?.email, u?.emailVerified])(await h.s.core.storage.users.getById(tenantId, userId)), ['luke.skywalker@tatuin.com', true]);

      const mismatch = await h.call('DELETE', `/fido2/v2/profile/${userId}/email`, { email: 'test@loginid.io' }, MGMT);
      assert.deepEqual([mismatch.status, mismatch.body.msgCode], [400, 'bad_request']);
      assert.equal((await h.call('DELETE', `/fido2/v2/profile/${userId}/email`, { email: 'luke.skywalker@tatuin.com' }, MGMT)).status, 204);
      assert.equal((await h.call('POST', `/fido2/v2/profile/${userId}/email`, { email: 'direct@example.com', requestVerification: false }, MGMT)).status, 204);
      assert.equal((await h.s.core.storage.users.getById(tenantId, userId))?.email, 'direct@example.com');
      assert.equal((await h.call('DELETE', `/fido2/v2/profile/${userId}/phone`, undefined, MGMT)).status, 204);
      assert.equal((await h.s.core.storage.users.getById(tenantId, userId))?.phone, null);
      const unauthenticated = await h.call('POST', `/fido2/v2/profile/${userId}/email`, { email: 'x@example.com' });
      assert.deepEqual([unauthenticated.status, unauthenticated.body.msgCode], [401, 'unauthorized']);
      const unknown = await h.call('POST', '/fido2/v2/profile/2a363a42-a397-4af0-b089-0935fc223017/email', { email: 'x@example.com', requestVerification: false }, MGMT);
      assert.deepEqual([unknown.status, unknown.body.msgCode], [404, 'not_found']);
    });

    it('deletes a profile with its passkeys and devices (204, then 404)', async () => {
      const reg = await h.register('leaving@example.com', new SoftwareAuthenticator({ seed: 'leaving' }));
      const gone = await h.call('DELETE', `/fido2/v2/profile/${reg.body.userId as string}`, undefined, MGMT);
      assert.equal(gone.status, 204);
      const tenantId = h.s.core.tenants.defaultTenant().id;
      assert.equal(await h.s.core.storage.users.getById(tenantId, reg.body.userId as string), null);
      assert.equal(await h.s.core.storage.clientDevices.get(tenantId, reg.body.deviceId as string), null);
      const again = await h.call('DELETE', `/fido2/v2/profile/${reg.body.userId as string}`, undefined, MGMT);
      assert.deepEqual([again.status, again.body.msgCode], [404, 'not_found']);
      const oldToken = await h.call('GET', '/fido2/v2/passkeys', undefined, { authorization: reg.body.jwtAccess as string });
      assert.equal(oldToken.status, 401, 'the deleted user’s token no longer works');
    });
  });
}

describe('LoginID codes without messaging configured', () => {
  let h: LoginIdHarness;
  before(async () => {
    h = await startLoginIdHarness();
  });
  after(() => h.close());

  it('offers only otp in crossAuth and refuses email and SMS sends alike for every user', async () => {
    const init = await h.call('POST', '/fido2/v2/auth/init', { app: { id: APP_ID }, deviceInfo: {}, ...user('anyone') });
    assert.deepEqual(init.body.crossAuthMethods, ['otp']);
    for (const path of ['/fido2/v2/auth/otp/email', '/fido2/v2/auth/otp/sms']) {
      const res = await h.call('POST', path, user('anyone'));
      assert.deepEqual([res.status, res.body], [400, { msg: 'This delivery channel is not available.', msgCode: 'bad_request' }]);
    }
  });
});
