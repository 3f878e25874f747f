import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { after, before, describe, it } from 'node:test';
import { verifyTransactionEvidence } from '../../core/transactions/verify-transaction-evidence.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { ORIGIN, RP_ID, startLoginIdHarness, type LoginIdHarness } from './loginid-harness.ts';

describe('LoginID transaction confirmation', () => {
  let h: LoginIdHarness;
  const authenticator = new SoftwareAuthenticator({ seed: 'payer' });
  let userId: string;
  let passkeyId: string;
  before(async () => {
    h = await startLoginIdHarness();
    const reg = await h.register('payer@example.com', authenticator);
    [userId, passkeyId] = [reg.body.userId as string, reg.body.passkeyId as string];
  });
  after(() => h.close());

  // The seed's request sample, with the web SDK's uuid nonce and txType "raw".
  const txInit = (txPayload: string, username = 'payer@example.com') =>
    h.call('POST', '/fido2/v2/tx/init', { nonce: 'f846bb01-492e-422b-944a-44b04adc441e', txPayload, txType: 'raw', username });
  const sign = (init: Record<string, unknown>, tamper?: { corruptSignature: boolean }) => {
    const a = authenticator.authenticate({ challenge: (init.assertionOptions as { challenge: string }).challenge, rpId: RP_ID, origin: ORIGIN, ...(tamper ? { tamper } : {}) });
    return { authenticatorData: a.response.authenticatorData, clientData: a.response.clientDataJSON, keyHandle: a.id, signature: a.response.signature, session: init.session };
  };

  it('confirms a payload: {token, credentialId, authCred} (+ the SDK 1.6.0 fields), the token carrying the payload hash; the evidence re-verifies', async () => {
    const payload = JSON.stringify({ amount: 100, recipient: 'bob@securepay.com' });
    const init = await txInit(payload);
    assert.equal(init.status, 200, init.text);
    assert.deepEqual(Object.keys(init.body).sort(), ['assertionOptions', 'session', 'txId']);
    assert.equal(init.body.session, init.body.txId);
    const done = await h.call('POST', '/fido2/v2/tx/complete', sign(init.body));
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(Object.keys(done.body).sort(), ['authCred', 'credentialId', 'jwtAccess', 'nonce', 'token', 'txHash', 'txId']);
    const hash = createHash('sha256').update(payload).digest('hex');
    assert.deepEqual([done.body.credentialId, done.body.txId, done.body.txHash, done.body.nonce], [passkeyId, init.body.txId, hash, 'f846bb01-492e-422b-944a-44b04adc441e']);
    assert.equal((done.body.authCred as { id: string }).id, passkeyId);
    const claims = decodeJwt(done.body.token as string);
    assert.deepEqual([claims.sub, claims.txn, claims.txh], [userId, init.body.txId, hash]);
    const tenant = h.s.core.tenants.defaultTenant();
    const stored = await h.s.core.storage.transactions.get(tenant.id, init.body.txId as string);
    assert.equal(stored?.status, 'confirmed');
    await verifyTransactionEvidence(h.s.core, tenant, stored!);
    const again = await h.call('POST', '/fido2/v2/tx/complete', sign(init.body));
    assert.deepEqual([again.status, again.body.msgCode], [400, 'bad_request'], 'a session is single use');
  });

  it('refuses an assertion over another transaction’s challenge, and a bad signature; both spend the session', async () => {
    const one = await txInit('pay 1');
    const two = await txInit('pay 2');
    const crossed = await h.call('POST', '/fido2/v2/tx/complete', { ...sign(two.body), session: one.body.session });
    assert.deepEqual([crossed.status, crossed.body.msgCode], [400, 'bad_request']);
    const forged = await h.call('POST', '/fido2/v2/tx/complete', sign(two.body, { corruptSignature: true }));
    assert.deepEqual([forged.status, forged.body], [400, { msg: 'The signature is invalid.', msgCode: 'bad_request' }]);
    const late = await h.call('POST', '/fido2/v2/tx/complete', sign(two.body));
    assert.equal(late.status, 400);
  });

  it('answers 404 for an unknown username and 400 for a missing field', async () => {
    const unknown = await txInit('x', 'nobody');
    assert.deepEqual([unknown.status, unknown.body], [404, { msg: 'User not found.', msgCode: 'not_found' }]);
    const missing = await h.call('POST', '/fido2/v2/tx/init', { nonce: 'n', txType: 'raw', username: 'payer@example.com' });
    assert.deepEqual([missing.status, missing.body.msgCode], [400, 'bad_request']);
  });
});
