import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { rejectsDomainError } from '../../testing/authenticator/assert-domain-error.ts';
import { passkeyRecord } from '../../testing/authenticator/passkey-record.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator/software-authenticator.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';
import { userHandleOf } from '../ceremonies/user-handle.ts';
import type { PasskeyCredential } from '../credential.ts';
import type { RequestContext } from '../deps.ts';
import { toBase64Url } from '../encoding.ts';
import type { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import { createUser } from '../users/create-user.ts';
import { finishTransactionConfirmation } from './finish-transaction-confirmation.ts';
import { recordTransaction } from './record-transaction.ts';
import { startTransactionConfirmation } from './start-transaction-confirmation.ts';
import type { TransactionConfirmationRequest } from './start-transaction-confirmation.ts';
import type { Transaction } from './transaction.ts';
import { transactionChallengeOf } from './transaction-challenge.ts';
import { verifyTransactionEvidence } from './verify-transaction-evidence.ts';

const ctx: RequestContext = { requestId: 'r', ip: null, actor: 'test', logger: { info() {}, warn() {}, error() {} } };
const PAYMENT: Omit<TransactionConfirmationRequest, 'username'> = { type: 'raw', payload: 'pay 10.00 EUR to Bob', nonce: 'c1b4a7d2-nonce' };

describe('passkey transaction confirmation', () => {
  let s: TestServices;
  let tenant: Tenant;
  let seq = 0;
  before(async () => {
    s = await createTestServices();
    tenant = s.core.tenants.defaultTenant();
  });
  after(() => s.dispose());

  /** A user holding one registered passkey of a fresh software authenticator. */
  const holder = async (): Promise<{ user: User; authenticator: SoftwareAuthenticator }> => {
    seq += 1;
    const user = await createUser(s.core, ctx, tenant, { username: `payer-${seq}` });
    const authenticator = new SoftwareAuthenticator({ seed: `tx-${seq}` });
    await s.core.storage.credentials.create(passkeyRecord(authenticator, { id: `tx-cred-${seq}`, tenantId: tenant.id, userId: user.id }));
    return { user, authenticator };
  };
  const sign = (authenticator: SoftwareAuthenticator, user: User, challenge: string, origin = tenant.origins[0]!) =>
    authenticator.authenticate({ challenge, rpId: tenant.rpId, origin, userHandle: userHandleOf(user.id) });
  const stored = async (id: string): Promise<Transaction> => (await s.core.storage.transactions.get(tenant.id, id))!;

  it('binds the challenge to the transaction and its payload, and lists only the user’s passkeys', async () => {
    const { user, authenticator } = await holder();
    const { transaction, options } = await startTransactionConfirmation(s.core, ctx, tenant, { username: ` ${user.username} `, ...PAYMENT });
    const now = s.clock.now();
    assert.deepEqual(transaction, {
      tenantId: tenant.id,
      id: transaction.id,
      userId: user.id,
      type: 'raw',
      payload: PAYMENT.payload,
      payloadHash: createHash('sha256').update(PAYMENT.payload).digest('hex'),
      nonce: PAYMENT.nonce,
      status: 'pending',
      createdAt: now,
      expiresAt: now + 300_000,
      decidedAt: null,
      evidence: null,
    });
    const message = JSON.stringify(['sigil.transaction-confirmation.v1', tenant.id, transaction.id, 'raw', PAYMENT.nonce, transaction.payloadHash]);
    assert.deepEqual(options, {
      challenge: createHash('sha256').update(message).digest('base64url'),
      timeout: 300_000,
      rpId: tenant.rpId,
      allowCredentials: [{ type: 'public-key', id: toBase64Url(authenticator.credentialId), transports: ['internal'] }],
      userVerification: tenant.policies.userVerification,
    });
    assert.deepEqual(await stored(transaction.id), transaction);
  });

  it('confirms once with a valid assertion, keeps it as evidence, moves the counter and audits', async () => {
    const { user, authenticator } = await holder();
    const { transaction, options } = await startTransactionConfirmation(s.core, ctx, tenant, { username: user.username, ...PAYMENT });
    s.clock.advance(1_000);
    const response = sign(authenticator, user, options.challenge);
    const result = await finishTransactionConfirmation(s.core, ctx, tenant, transaction.id, response);
    const evidence = {
      kind: 'webauthn-assertion',
      credentialId: response.rawId,
      authenticatorData: response.response.authenticatorData,
      clientDataJSON: response.response.clientDataJSON,
      signature: response.response.signature,
      userHandle: response.response.userHandle ?? null,
      userVerification: tenant.policies.userVerification,
    } as const;
    const confirmed = { ...transaction, status: 'confirmed', decidedAt: s.clock.now(), evidence } as const;
    assert.deepEqual(result.transaction, confirmed);
    assert.equal(result.user.id, user.id);
    assert.deepEqual(await stored(transaction.id), confirmed);
    const used = await s.core.storage.credentials.getByCredentialId(tenant.id, authenticator.credentialId);
    assert.equal(used?.kind === 'passkey' ? used.signCount : null, 1);
    const events = (await s.core.storage.audit.list(tenant.id, { limit: 200 })).filter((e) => e.detail?.transactionId === transaction.id);
    assert.deepEqual(events.map((e) => [e.action, e.outcome]).sort(), [['transaction.confirmed', 'success'], ['transaction.started', 'success']]);
    await verifyTransactionEvidence(s.core, tenant, await stored(transaction.id));

    const replay = sign(authenticator, user, options.challenge);
    await rejectsDomainError(finishTransactionConfirmation(s.core, ctx, tenant, transaction.id, replay), 'challenge_not_found');
    assert.equal((await stored(transaction.id)).status, 'confirmed', 'a second finish changes nothing');
  });

  it('refuses an assertion over another challenge and spends the transaction', async () => {
    const { user, authenticator } = await holder();
    const first = await startTransactionConfirmation(s.core, ctx, tenant, { username: user.username, ...PAYMENT });
    const other = await startTransactionConfirmation(s.core, ctx, tenant, { username: user.username, ...PAYMENT, payload: 'pay 9999.00 EUR to Mallory' });
    await rejectsDomainError(finishTransactionConfirmation(s.core, ctx, tenant, first.transaction.id, sign(authenticator, user, other.options.challenge)), 'challenge_mismatch');
    const spent = await stored(first.transaction.id);
    assert.deepEqual([spent.status, spent.evidence], ['rejected', null]);
    await rejectsDomainError(finishTransactionConfirmation(s.core, ctx, tenant, first.transaction.id, sign(authenticator, user, first.options.challenge)), 'challenge_not_found');
    const failures = (await s.core.storage.audit.list(tenant.id, { limit: 200 })).filter((e) => e.detail?.transactionId === first.transaction.id && e.outcome === 'failure');
    assert.deepEqual(failures.map((e) => e.detail?.code), ['challenge_mismatch']);
  });

  it('accepts only a passkey of the transaction’s own user, from an allowed origin', async () => {
    const payer = await holder();
    const stranger = await holder();
    const a = await startTransactionConfirmation(s.core, ctx, tenant, { username: payer.user.username, ...PAYMENT });
    // The stranger's passkey even claims the payer's user handle: only ownership can refuse it.
    await rejectsDomainError(finishTransactionConfirmation(s.core, ctx, tenant, a.transaction.id, sign(stranger.authenticator, payer.user, a.options.challenge)), 'credential_not_found');
    const b = await startTransactionConfirmation(s.core, ctx, tenant, { username: payer.user.username, ...PAYMENT });
    await rejectsDomainError(finishTransactionConfirmation(s.core, ctx, tenant, b.transaction.id, sign(payer.authenticator, payer.user, b.options.challenge, 'https://evil.example')), 'origin_mismatch');
    const c = await startTransactionConfirmation(s.core, ctx, tenant, { username: payer.user.username, ...PAYMENT });
    await rejectsDomainError(finishTransactionConfirmation(s.core, ctx, tenant, c.transaction.id, { id: 'not an assertion' }), 'invalid_request');
    assert.deepEqual([(await stored(a.transaction.id)).status, (await stored(b.transaction.id)).status, (await stored(c.transaction.id)).status], ['rejected', 'rejected', 'rejected']);
  });

  it('refuses a user disabled, or a passkey revoked, after the start, and spends the transaction', async () => {
    const disabled = await holder();
    const a = await startTransactionConfirmation(s.core, ctx, tenant, { username: disabled.user.username, ...PAYMENT });
    await s.core.storage.users.update(tenant.id, disabled.user.id, { status: 'disabled', updatedAt: s.clock.now() });
    await rejectsDomainError(finishTransactionConfirmation(s.core, ctx, tenant, a.transaction.id, sign(disabled.authenticator, disabled.user, a.options.challenge)), 'user_disabled');
    const revoked = await holder();
    const b = await startTransactionConfirmation(s.core, ctx, tenant, { username: revoked.user.username, ...PAYMENT });
    await s.core.storage.credentials.setStatus(tenant.id, `tx-cred-${seq}`, 'revoked', s.clock.now());
    await rejectsDomainError(finishTransactionConfirmation(s.core, ctx, tenant, b.transaction.id, sign(revoked.authenticator, revoked.user, b.options.challenge)), 'credential_revoked');
    assert.deepEqual([(await stored(a.transaction.id)).status, (await stored(b.transaction.id)).status], ['rejected', 'rejected']);
  });

  it('confirms with a read of the passkey behind its stored counter (another node’s login), and refuses a replayed counter', async () => {
    const { user, authenticator } = await holder();
    const id = `tx-cred-${seq}`;
    /** Signs `signCount`; another login stores `movedTo` between the ceremony's read and its write. */
    const confirm = async (signCount: number, movedTo: number) => {
      const { transaction, options } = await startTransactionConfirmation(s.core, ctx, tenant, { username: user.username, ...PAYMENT });
      const response = authenticator.authenticate({ challenge: options.challenge, rpId: tenant.rpId, origin: tenant.origins[0]!, userHandle: userHandleOf(user.id), tamper: { signCount } });
      const credentials = s.core.storage.credentials;
      const { getWithOwner } = credentials;
      credentials.getWithOwner = async (tenantId, credentialId) => {
        credentials.getWithOwner = getWithOwner;
        const found = await getWithOwner(tenantId, credentialId);
        assert.equal(await credentials.recordUse(tenant.id, id, movedTo - 1, { signCount: movedTo, backupEligible: false, backupState: false, lastUsedAt: s.clock.now() }), true);
        return found;
      };
      try {
        const outcome = await finishTransactionConfirmation(s.core, ctx, tenant, transaction.id, response).then(() => 'confirmed', (error: unknown) => (error as DomainError).code);
        return { outcome, status: (await stored(transaction.id)).status };
      } finally {
        credentials.getWithOwner = getWithOwner;
      }
    };
    assert.deepEqual(await confirm(1, 1), { outcome: 'sign_count_regressed', status: 'rejected' }, 'the same counter twice');
    assert.deepEqual(await confirm(3, 2), { outcome: 'confirmed', status: 'confirmed' }, 'ahead of the fresh counter');
    assert.equal(((await s.core.storage.credentials.getById(tenant.id, id)) as PasskeyCredential).signCount, 3);
  });

  it('expires with the tenant’s challenge lifetime', async () => {
    const { user, authenticator } = await holder();
    const { transaction, options } = await startTransactionConfirmation(s.core, ctx, tenant, { username: user.username, ...PAYMENT });
    s.clock.advance(300_000);
    await rejectsDomainError(finishTransactionConfirmation(s.core, ctx, tenant, transaction.id, sign(authenticator, user, options.challenge)), 'challenge_expired');
    assert.equal((await stored(transaction.id)).status, 'expired');
    await rejectsDomainError(finishTransactionConfirmation(s.core, ctx, tenant, 'no-such-transaction', sign(authenticator, user, options.challenge)), 'challenge_not_found');
  });

  it('lets exactly one of two concurrent finishes confirm', async () => {
    const { user, authenticator } = await holder();
    const { transaction, options } = await startTransactionConfirmation(s.core, ctx, tenant, { username: user.username, ...PAYMENT });
    const response = sign(authenticator, user, options.challenge);
    const outcomes = await Promise.allSettled([0, 1].map(() => finishTransactionConfirmation(s.core, ctx, tenant, transaction.id, response)));
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
    assert.equal((await stored(transaction.id)).status, 'confirmed');
  });

  it('refuses to start for an unknown user, a user without passkeys, or malformed input', async () => {
    await rejectsDomainError(startTransactionConfirmation(s.core, ctx, tenant, { username: 'nobody-here', ...PAYMENT }), 'user_not_found');
    const bare = await createUser(s.core, ctx, tenant, { username: 'no-passkey' });
    await rejectsDomainError(startTransactionConfirmation(s.core, ctx, tenant, { username: bare.username, ...PAYMENT }), 'credential_not_found');
    const { user } = await holder();
    await rejectsDomainError(startTransactionConfirmation(s.core, ctx, tenant, { username: user.username, ...PAYMENT, type: '' }), 'invalid_request');
    await rejectsDomainError(startTransactionConfirmation(s.core, ctx, tenant, { username: user.username, ...PAYMENT, nonce: '' }), 'invalid_request');
    await rejectsDomainError(startTransactionConfirmation(s.core, ctx, tenant, { username: user.username, ...PAYMENT, payload: 'x'.repeat(64 * 1024 + 1) }), 'payload_too_large');
  });
});

describe('verifyTransactionEvidence', () => {
  let s: TestServices;
  let tenant: Tenant;
  let confirmed: Transaction;
  before(async () => {
    s = await createTestServices();
    tenant = s.core.tenants.defaultTenant();
    const user = await createUser(s.core, ctx, tenant, { username: 'evidence' });
    const authenticator = new SoftwareAuthenticator({ seed: 'evidence' });
    await s.core.storage.credentials.create(passkeyRecord(authenticator, { id: 'evidence-cred', tenantId: tenant.id, userId: user.id }));
    const { transaction, options } = await startTransactionConfirmation(s.core, ctx, tenant, { username: user.username, ...PAYMENT });
    const response = authenticator.authenticate({ challenge: options.challenge, rpId: tenant.rpId, origin: tenant.origins[0]!, userHandle: userHandleOf(user.id) });
    confirmed = (await finishTransactionConfirmation(s.core, ctx, tenant, transaction.id, response)).transaction;
  });
  after(() => s.dispose());

  it('holds for the stored evidence, even after the passkey is revoked', async () => {
    await verifyTransactionEvidence(s.core, tenant, confirmed);
    await s.core.storage.credentials.setStatus(tenant.id, 'evidence-cred', 'revoked', s.clock.now());
    await verifyTransactionEvidence(s.core, tenant, confirmed);
  });

  it('fails when the payload, the nonce, the signature or the owner no longer match', async () => {
    const evidence = confirmed.evidence!;
    assert.equal(evidence.kind, 'webauthn-assertion');
    if (evidence.kind !== 'webauthn-assertion') return;
    await rejectsDomainError(verifyTransactionEvidence(s.core, tenant, { ...confirmed, payload: 'pay 10000.00 EUR to Bob' }), 'challenge_mismatch');
    const rehashed = { ...confirmed, payload: 'pay 10000.00 EUR to Bob', payloadHash: createHash('sha256').update('pay 10000.00 EUR to Bob').digest('hex') };
    await rejectsDomainError(verifyTransactionEvidence(s.core, tenant, rehashed), 'challenge_mismatch');
    await rejectsDomainError(verifyTransactionEvidence(s.core, tenant, { ...confirmed, nonce: 'another-nonce' }), 'challenge_mismatch');
    const signature = Buffer.from(evidence.signature, 'base64url');
    signature[signature.length - 1]! ^= 1;
    await rejectsDomainError(verifyTransactionEvidence(s.core, tenant, { ...confirmed, evidence: { ...evidence, signature: signature.toString('base64url') } }), 'signature_invalid');
    await rejectsDomainError(verifyTransactionEvidence(s.core, tenant, { ...confirmed, userId: 'someone-else' }), 'credential_not_found');
    assert.notDeepEqual(transactionChallengeOf(confirmed), transactionChallengeOf({ ...confirmed, type: 'payment' }), 'the type is bound too');
  });

  it('has nothing to verify in a policy decision', async () => {
    const user = await createUser(s.core, ctx, tenant, { username: 'mpc' });
    const decided = await recordTransaction(s.core, ctx, tenant, { userId: user.id, type: 'duo.dsg-setup', payload: '0a', status: 'approved', evidence: { kind: 'mpc-session', deviceKey: '04ab', instance: 'cd' } });
    assert.deepEqual(await s.core.storage.transactions.get(tenant.id, decided.id), decided);
    await rejectsDomainError(verifyTransactionEvidence(s.core, tenant, decided), 'invalid_request');
  });
});
