import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deletePasskey, findPasskey, renamePasskey } from '../../../core/accounts/manage-passkey.ts';
import { clearAaguidRules, putAaguidRules, removeAaguidRules } from '../../../core/authenticator-rules/change-aaguid-rules.ts';
import type { Services } from '../../../services.ts';
import { authenticateLoginIdManager } from '../authenticate.ts';
import { passkeyWire, userWire } from '../mapping.ts';
import { aaguidRemovalSchema, aaguidRulesSchema, idParams, mgmtRenameSchema, type AaguidRulesBody } from '../wire.ts';
import { aaguidReply } from './passkey-routes.ts';

/** Management of passkeys, AAGUID metadata and the AAGUID blacklist (management API key). */
export function registerMgmtPasskeyRoutes(app: FastifyInstance, services: Services): void {
  const { core } = services;
  const metadata = core.passkeys.trust.metadata;

  app.get<{ Params: { id: string } }>('/fido2/v2/mgmt/passkeys/:id', { schema: { params: idParams } }, async (request) => {
    await authenticateLoginIdManager(core, request, 'credentials:read');
    const passkey = await findPasskey(core, request.tenant, request.params.id, null);
    const user = await core.storage.users.getById(request.tenant.id, passkey.userId);
    return { passkeyInfo: passkeyWire(passkey, metadata), user: user === null ? null : userWire(user) };
  });

  app.put<{ Params: { id: string }; Body: { passkeyName: string } }>('/fido2/v2/mgmt/passkeys/:id', { schema: { params: idParams, body: mgmtRenameSchema } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'credentials:write');
    await renamePasskey(core, ctx, request.tenant, request.params.id, null, request.body.passkeyName);
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/fido2/v2/mgmt/passkeys/:id', { schema: { params: idParams } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'credentials:write');
    await deletePasskey(core, ctx, request.tenant, request.params.id, null);
    return reply.code(204).send();
  });

  app.get('/fido2/v2/mgmt/aaguid/blacklist', async (request) => {
    await authenticateLoginIdManager(core, request, 'tenants:read');
    const rules = await core.storage.aaguidRules.list(request.tenant.id);
    return rules.map((r) => ({ aaguid: r.aaguid, auth: r.blockAuthentication, reg: r.blockRegistration }));
  });

  const putRules = async (request: FastifyRequest<{ Body: AaguidRulesBody }>, reply: FastifyReply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'tenants:write');
    await putAaguidRules(core, ctx, request.tenant, request.body.items.map((i) => ({ aaguid: i.aaguid, blockRegistration: i.reg, blockAuthentication: i.auth })));
    return reply.code(204).send();
  };
  app.put<{ Body: AaguidRulesBody }>('/fido2/v2/mgmt/aaguid/blacklist', { schema: { body: aaguidRulesSchema } }, putRules);
  app.post<{ Body: AaguidRulesBody }>('/fido2/v2/mgmt/aaguid/blacklist', { schema: { body: aaguidRulesSchema } }, putRules);

  app.delete<{ Body: { aaguids: string[] } }>('/fido2/v2/mgmt/aaguid/blacklist', { schema: { body: aaguidRemovalSchema } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'tenants:write');
    await removeAaguidRules(core, ctx, request.tenant, request.body.aaguids);
    return reply.code(204).send();
  });

  app.delete('/fido2/v2/mgmt/aaguid/blacklist/all', async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'tenants:write');
    await clearAaguidRules(core, ctx, request.tenant);
    return reply.code(204).send();
  });

  app.get<{ Params: { aaguid: string } }>('/fido2/v2/mgmt/aaguid/:aaguid', async (request) => {
    await authenticateLoginIdManager(core, request, 'credentials:read');
    return aaguidReply(services, request.params.aaguid);
  });
}
