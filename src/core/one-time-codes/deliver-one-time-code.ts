import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError, isDomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { addressProblem } from './code-address.ts';
import { CODE_CHANNELS, type CodeChannel, type CodeDeliveryRequest } from './one-time-code.ts';

/** The channels a tenant's users may choose from: those whose provider is configured. */
export function availableChannels(deps: CoreDeps, tenant: Tenant): readonly CodeChannel[] {
  return deps.messenger.channels(tenant);
}

/**
 * Sends an issued code to an address through the messenger port. Refuses a channel that is not
 * configured (`channel_unavailable`); a provider failure is logged and audited (never the code
 * or the address) and reported as `delivery_failed`, never as a silent success.
 */
export async function deliverOneTimeCode(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, req: CodeDeliveryRequest): Promise<void> {
  if (!CODE_CHANNELS.includes(req.channel)) throw new DomainError('invalid_request', { detail: 'channel must be email or sms' });
  if (!availableChannels(deps, tenant).includes(req.channel)) {
    throw new DomainError('channel_unavailable', { detail: `no ${req.channel} provider is configured` });
  }
  const problem = addressProblem(req.channel, req.address);
  if (problem !== null) throw new DomainError('invalid_request', { detail: problem });
  const validForSeconds = Math.ceil((req.code.expiresAt - deps.clock.now()) / 1000);
  if (validForSeconds <= 0) throw new DomainError('code_expired', { detail: 'the code expired before it was sent' });

  const facts = { purpose: req.purpose, channel: req.channel };
  try {
    await deps.messenger.send({
      channel: req.channel,
      to: req.address,
      code: req.code.code,
      validForSeconds,
      senderName: tenant.rpName,
      tenantId: tenant.id,
      purpose: req.purpose,
    });
  } catch (error) {
    const failure = isDomainError(error) && error.code === 'delivery_failed' ? error : new DomainError('delivery_failed', { detail: describe(error), cause: error });
    ctx.logger.error({ tenantId: tenant.id, ...facts, detail: failure.detail }, 'one-time code delivery failed');
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'one-time-code.delivery-failed', outcome: 'failure', detail: facts });
    throw failure;
  }
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'one-time-code.delivered', detail: facts });
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
