import type { FastifyInstance } from 'fastify';
import { listDuoDevices } from '../../../core/duo/list-duo-devices.ts';
import { listDuoKeys } from '../../../core/duo/list-duo-keys.ts';
import { listDuoTransactions } from '../../../core/duo/list-duo-transactions.ts';
import type { Services } from '../../../services.ts';
import { authenticateDuoUser } from '../authenticate-duo-user.ts';
import { deviceWire, keyWire, transactionWire } from '../mapping.ts';
import { transactionsQuery } from '../wire.ts';
import type { TransactionsQuery } from '../wire.ts';

const DEFAULT_TRANSACTIONS = 50;

/** What the user's wallet holds: MPC keys, devices and signing sessions. */
export function registerWalletRoutes(app: FastifyInstance, services: Services): void {
  app.get('/v2/keys', async (request) => {
    const { user } = await authenticateDuoUser(services, request);
    return { keys: (await listDuoKeys(services.core, request.tenant, user)).map(keyWire) };
  });

  app.get('/v2/devices', async (request) => {
    const { user } = await authenticateDuoUser(services, request);
    return { devices: (await listDuoDevices(services.core, request.tenant, user)).map(deviceWire) };
  });

  app.get<{ Querystring: TransactionsQuery }>('/transactions', { schema: { querystring: transactionsQuery } }, async (request) => {
    const { user } = await authenticateDuoUser(services, request);
    const transactions = await listDuoTransactions(services.core, request.tenant, user, request.query.limit ?? DEFAULT_TRANSACTIONS);
    return { transactions: transactions.map(transactionWire) };
  });
}
