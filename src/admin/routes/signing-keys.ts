import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../core/audit.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { guard, principalOf } from '../require-api-key.ts';
import { refusals } from '../schemas.ts';
import { signingKeyView } from '../views.ts';

/** The tenant's token-signing keys: their state, and rotation. */
export async function signingKeyRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core, keyring } = services;

  app.get('/signing-keys', { ...guard(core, 'signing-keys:read'), schema: { response: refusals } }, async (request) => {
    const now = core.clock.now();
    const keys = await keyring.list(principalOf(request).tenant.id);
    return { signingKeys: keys.map((k) => signingKeyView(k.record, k.verifiesUntil, now)) };
  });

  app.post('/signing-keys/rotate', { ...guard(core, 'keys:rotate'), schema: { response: refusals } }, async (request) => {
    const { tenant, actor } = principalOf(request);
    const result = await keyring.rotate(tenant.id);
    await recordAudit(core, contextOf(request, actor), { tenantId: tenant.id, action: 'signing-key.rotated', subject: `signing-key:${result.kid}`, detail: { retired: result.retired } });
    return result;
  });
}
