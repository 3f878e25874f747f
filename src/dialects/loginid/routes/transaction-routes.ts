import type { FastifyInstance } from 'fastify';
import { finishTransactionConfirmation } from '../../../core/transactions/finish-transaction-confirmation.ts';
import { startTransactionConfirmation } from '../../../core/transactions/start-transaction-confirmation.ts';
import { contextOf } from '../../../http/request-context.ts';
import type { Services } from '../../../services.ts';
import { issueLoginIdToken, SESSION_SCOPES } from '../issue-loginid-token.ts';
import { passkeyWire, txAssertionResponseOf } from '../mapping.ts';
import { txCompleteSchema, txInitSchema, type TxCompleteBody, type TxInitBody } from '../wire.ts';

/**
 * Transaction confirmation over the core's ceremony: tx/init makes a pending transaction whose
 * challenge is bound to the payload, type and nonce; tx/complete verifies the passkey assertion,
 * keeps it as evidence and answers with a token carrying the transaction id and payload hash.
 * The session is the transaction's id: single use, since a transaction is decided once.
 */
export function registerTransactionRoutes(app: FastifyInstance, services: Services): void {
  const { core } = services;
  const metadata = core.passkeys.trust.metadata;

  app.post<{ Body: TxInitBody }>(
    '/fido2/v2/tx/init',
    { schema: { body: txInitSchema }, config: { rateLimit: { group: 'loginid-transaction', account: (r) => (r.body as TxInitBody | undefined)?.username } } },
    async (request) => {
      const { nonce, txPayload, txType, username } = request.body;
      const start = await startTransactionConfirmation(core, contextOf(request), request.tenant, { username, type: txType, payload: txPayload, nonce });
      return { assertionOptions: start.options, session: start.transaction.id, txId: start.transaction.id };
    },
  );

  app.post<{ Body: TxCompleteBody }>('/fido2/v2/tx/complete', { schema: { body: txCompleteSchema }, config: { rateLimit: { group: 'loginid-transaction' } } }, async (request) => {
    const { tenant, body } = request;
    const finish = await finishTransactionConfirmation(core, contextOf(request), tenant, body.session, txAssertionResponseOf(body));
    const { transaction, credential, user } = finish;
    const token = await issueLoginIdToken(core, tenant, user, {
      scopes: SESSION_SCOPES,
      amr: ['passkey'],
      credentialId: credential.credentialId,
      transaction: { id: transaction.id, payloadHash: transaction.payloadHash },
    });
    // The seed's answer, plus what web SDK 1.6.0 reads (it keeps `jwtAccess` as its session).
    return {
      token: token.token,
      credentialId: credential.id,
      authCred: passkeyWire(credential, metadata),
      jwtAccess: token.token,
      txId: transaction.id,
      txHash: transaction.payloadHash,
      nonce: transaction.nonce,
    };
  });
}
