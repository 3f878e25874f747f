import { userHandleOf } from '../ceremonies/user-handle.ts';
import type { CoreDeps } from '../deps.ts';
import { fromBase64Url } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import { verifyAssertion } from '../passkeys/verify-assertion.ts';
import type { Tenant } from '../tenant.ts';
import type { Transaction } from './transaction.ts';
import { payloadHashOf, transactionChallengeOf } from './transaction-challenge.ts';

/**
 * Re-verifies a confirmed transaction's evidence, long after the fact: the kept payload still
 * hashes to `payloadHash`, and the kept assertion is a valid signature, by a passkey of the
 * transaction's user, over the challenge recomputed from the transaction (so over this payload
 * and nonce), with the tenant's current origins and RP ID. Resolves when it holds; throws the
 * failing check's code otherwise (`signature_invalid`, `client_data_invalid`, …).
 *
 * What it does not judge: freshness. The counter was checked when the assertion was used, and a
 * passkey revoked since then still proves what it signed before.
 */
export async function verifyTransactionEvidence(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, transaction: Transaction): Promise<void> {
  const { evidence } = transaction;
  if (evidence === null || evidence.kind !== 'webauthn-assertion') {
    throw new DomainError('invalid_request', { detail: `evidence ${evidence?.kind ?? 'absent'} carries no signature to verify` });
  }
  if (transaction.tenantId !== tenant.id) throw new DomainError('not_found', { detail: 'transaction of another tenant' });
  if (transaction.payload !== null && payloadHashOf(transaction.payload) !== transaction.payloadHash) {
    throw new DomainError('challenge_mismatch', { detail: 'the kept payload does not hash to payloadHash' });
  }
  const credential = await deps.storage.credentials.getByCredentialId(tenant.id, fromBase64Url(evidence.credentialId, 'credentialId'));
  if (credential === null || credential.kind !== 'passkey' || credential.userId !== transaction.userId) {
    throw new DomainError('credential_not_found', { detail: "the evidence names no passkey of the transaction's user" });
  }
  const response = {
    id: evidence.credentialId,
    rawId: evidence.credentialId,
    type: 'public-key',
    response: {
      authenticatorData: evidence.authenticatorData,
      clientDataJSON: evidence.clientDataJSON,
      signature: evidence.signature,
      ...(evidence.userHandle === null ? {} : { userHandle: evidence.userHandle }),
    },
    clientExtensionResults: {},
  };
  const expected = {
    challenge: transactionChallengeOf(transaction),
    origins: tenant.origins,
    rpId: tenant.rpId,
    userVerification: evidence.userVerification,
    userHandle: userHandleOf(transaction.userId),
  };
  // Status and counter are judged at use, not now (see above): check against a neutral view.
  verifyAssertion(response, expected, { ...credential, status: 'active', signCount: 0 });
}
