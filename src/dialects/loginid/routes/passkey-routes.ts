import type { FastifyInstance } from 'fastify';
import { deletePasskey, renamePasskey } from '../../../core/accounts/manage-passkey.ts';
import { canonicalAaguid } from '../../../core/authenticator-rules/aaguid-rule.ts';
import { DomainError } from '../../../core/errors.ts';
import { describeAuthenticator } from '../../../core/passkeys/describe-authenticator.ts';
import type { Services } from '../../../services.ts';
import { authenticateLoginIdUser } from '../authenticate.ts';
import { passkeyWire } from '../mapping.ts';
import { idParams, renameSchema } from '../wire.ts';
import { InputError } from '../../input-error.ts';

/** The signed-in user's own passkeys (`passkey:read` / `passkey:write`), and AAGUID metadata. */
export function registerPasskeyRoutes(app: FastifyInstance, services: Services): void {
  const { core } = services;
  const metadata = core.passkeys.trust.metadata;

  app.get('/fido2/v2/passkeys', async (request) => {
    const { user } = await authenticateLoginIdUser(core, request, 'passkey:read');
    const passkeys = await core.storage.credentials.listByUser(request.tenant.id, user.id, 'passkey');
    return passkeys.filter((c) => c.status === 'active').map((c) => passkeyWire(c, metadata));
  });

  app.put<{ Params: { id: string }; Body: { name: string } }>('/fido2/v2/passkeys/:id', { schema: { params: idParams, body: renameSchema } }, async (request, reply) => {
    const { user, ctx } = await authenticateLoginIdUser(core, request, 'passkey:write');
    await renamePasskey(core, ctx, request.tenant, request.params.id, user.id, request.body.name);
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/fido2/v2/passkeys/:id', { schema: { params: idParams } }, async (request, reply) => {
    const { user, ctx } = await authenticateLoginIdUser(core, request, 'passkey:write');
    await deletePasskey(core, ctx, request.tenant, request.params.id, user.id);
    return reply.code(204).send();
  });

  app.get<{ Params: { aaguid: string } }>('/fido2/v2/passkeys/aaguid/:aaguid', async (request) => {
    await authenticateLoginIdUser(core, request, 'passkey:read');
    return aaguidReply(services, request.params.aaguid);
  });
}

/** `{id, name, iconLight, iconDark}` of a model; a malformed AAGUID is 400, an unknown one 404. */
export function aaguidReply(services: Services, aaguid: string): unknown {
  const canonical = canonicalAaguid(aaguid);
  if (canonical === null) throw new InputError('aaguid is not an AAGUID.');
  const description = describeAuthenticator(canonical, services.core.passkeys.trust.metadata);
  if (description === null) throw new DomainError('not_found', { detail: 'no name known for this AAGUID' });
  return description;
}
