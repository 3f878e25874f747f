import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contextOf } from '../../../http/request-context.ts';
import type { Services } from '../../../services.ts';
import { hookSecretOf } from '../hook-secret.ts';
import { authenticateHookCaller } from '../hooks/authenticate-hook-caller.ts';
import type { HookVerdict } from '../hooks/hook-verdict.ts';
import { notifyKeyId } from '../hooks/notify-key-id.ts';
import { validateDkgSetup } from '../hooks/validate-dkg-setup.ts';
import { validateDsgSetup } from '../hooks/validate-dsg-setup.ts';
import { setupKeyIds } from '../mapping.ts';
import { duoSettingsOf } from '../settings.ts';
import { dkgSetupBody, dsgSetupBody, keyIdNotificationBody } from '../wire.ts';
import type { DkgSetupBody, DsgSetupBody, KeyIdNotificationBody } from '../wire.ts';

/**
 * The caller is authenticated before its body is even validated, so a caller without the
 * secret learns nothing about the hooks' inputs.
 */
async function authenticateHook(request: FastifyRequest): Promise<void> {
  authenticateHookCaller(duoSettingsOf(request.tenant).hookSecretHash, hookSecretOf(request));
}

const HOOK_OPTIONS = { preValidation: authenticateHook, config: { rateLimit: { group: 'duo-hooks' } } } as const;

/** The MPC node's answer is a bare JSON string. */
function sendVerdict(reply: FastifyReply, verdict: HookVerdict): FastifyReply {
  return reply.code(200).type('application/json').send(JSON.stringify(verdict));
}

/** The hook caller is the MPC node, proven by the tenant's hook secret; audits name it `duo-hook`. */
const hookContext = (request: FastifyRequest) => contextOf(request, 'duo-hook');

/** Server-to-server hooks the Duo MPC node calls before DKG, after DKG and before each DSG. */
export function registerHookRoutes(app: FastifyInstance, services: Services): void {
  app.post<{ Body: DkgSetupBody }>('/hooks/dkg-setup-validation', { ...HOOK_OPTIONS, schema: { body: dkgSetupBody } }, async (request, reply) => {
    const ctx = hookContext(request);
    const input = { token: request.body.token, instance: request.body.instance.toLowerCase() };
    return sendVerdict(reply, await validateDkgSetup(services.core, ctx, request.tenant, input));
  });

  app.post<{ Body: KeyIdNotificationBody }>('/hooks/key-id-notification', { ...HOOK_OPTIONS, schema: { body: keyIdNotificationBody } }, async (request, reply) => {
    const ctx = hookContext(request);
    const input = { token: request.body.token, keyId: request.body.key_id.toLowerCase(), instance: request.body.instance.toLowerCase() };
    return sendVerdict(reply, await notifyKeyId(services.core, ctx, request.tenant, input));
  });

  app.post<{ Body: DsgSetupBody }>('/hooks/dsg-setup-validation', { ...HOOK_OPTIONS, schema: { body: dsgSetupBody } }, async (request, reply) => {
    const ctx = hookContext(request);
    const input = { token: request.body.token, keyIds: setupKeyIds(request.body.setup.key_id), instance: request.body.instance.toLowerCase() };
    return sendVerdict(reply, await validateDsgSetup(services.core, ctx, request.tenant, input));
  });
}
