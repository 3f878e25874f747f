import type { FastifyInstance } from 'fastify';
import { deleteAccount, deleteAccountDevices, deleteAccountPasskeys, deleteClientDevice } from '../../../core/accounts/delete-account.ts';
import { DomainError } from '../../../core/errors.ts';
import { normalizeUsername } from '../../../core/user.ts';
import type { Services } from '../../../services.ts';
import { authenticateLoginIdManager } from '../authenticate.ts';
import { deviceInfoWire, passkeyWire, userWire } from '../mapping.ts';
import { idParams, usernameQuery } from '../wire.ts';

/** Management of users and their devices (management API key). */
export function registerMgmtAccountRoutes(app: FastifyInstance, services: Services): void {
  const { core } = services;
  const metadata = core.passkeys.trust.metadata;

  app.get<{ Querystring: { username: string } }>('/fido2/v2/mgmt/users', { schema: { querystring: usernameQuery } }, async (request) => {
    await authenticateLoginIdManager(core, request, 'users:read');
    const tenantId = request.tenant.id;
    const user = await core.storage.users.getByUsername(tenantId, normalizeUsername(request.query.username));
    if (user === null) throw new DomainError('user_not_found');
    const [devices, passkeys] = await Promise.all([core.storage.clientDevices.listByUser(tenantId, user.id), core.storage.credentials.listByUser(tenantId, user.id, 'passkey')]);
    return { user: userWire(user), devices: devices.map(deviceInfoWire), passkeys: passkeys.filter((c) => c.status === 'active').map((c) => passkeyWire(c, metadata)) };
  });

  app.delete<{ Params: { id: string } }>('/fido2/v2/mgmt/users/:id', { schema: { params: idParams } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'users:write');
    await deleteAccount(core, ctx, request.tenant, request.params.id);
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/fido2/v2/mgmt/users/:id/devices', { schema: { params: idParams } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'users:write');
    await deleteAccountDevices(core, ctx, request.tenant, request.params.id);
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/fido2/v2/mgmt/users/:id/passkeys', { schema: { params: idParams } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'credentials:write');
    await deleteAccountPasskeys(core, ctx, request.tenant, request.params.id);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/fido2/v2/mgmt/devices/:id', { schema: { params: idParams } }, async (request) => {
    await authenticateLoginIdManager(core, request, 'users:read');
    const device = await core.storage.clientDevices.get(request.tenant.id, request.params.id);
    if (device === null) throw new DomainError('device_not_found');
    const user = await core.storage.users.getById(request.tenant.id, device.userId);
    return { deviceInfo: deviceInfoWire(device), users: user === null ? [] : [userWire(user)] };
  });

  app.delete<{ Params: { id: string } }>('/fido2/v2/mgmt/devices/:id', { schema: { params: idParams } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'users:write');
    await deleteClientDevice(core, ctx, request.tenant, request.params.id);
    return reply.code(204).send();
  });
}
