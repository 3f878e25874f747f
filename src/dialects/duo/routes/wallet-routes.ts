import type { FastifyInstance } from 'fastify';
import { listMpcKeys } from '../../../core/keyshares/list-mpc-keys.ts';
import { listTransactions } from '../../../core/transactions/list-transactions.ts';
import type { Services } from '../../../services.ts';
import { authenticateDuoUser } from '../authenticate-duo-user.ts';
import { listDuoDevices } from '../devices/list-duo-devices.ts';
import { DSG_SETUP_TRANSACTION } from '../hooks/validate-dsg-setup.ts';
import { deviceWire, keyWire, transactionWire } from '../mapping.ts';
import { transactionsQuery } from '../wire.ts';
import type { TransactionsQuery } from '../wire.ts';

const DEFAULT_TRANSACTIONS = 50;

/** What the user's wallet holds: MPC keys, devices and signing sessions. */
export function registerWalletRoutes(app: FastifyInstance, services: Services): void {
  app.get('/v2/keys', async (request) => {
    const { user } = await authenticateDuoUser(services, request);
    return { keys: (await listMpcKeys(services.core, request.tenant, user)).map(keyWire) };
  });

  app.get('/v2/devices', async (request) => {
    const { user } = await authenticateDuoUser(services, request);
    return { devices: (await listDuoDevices(services.core, request.tenant, user)).map(deviceWire) };
  });

  app.get<{ Querystring: TransactionsQuery }>('/transactions', { schema: { querystring: transactionsQuery } }, async (request) => {
    const { user } = await authenticateDuoUser(services, request);
    const transactions = await listTransactions(services.core, request.tenant, user, DSG_SETUP_TRANSACTION, request.query.limit ?? DEFAULT_TRANSACTIONS);
    return { transactions: transactions.map(transactionWire) };
  });
}
