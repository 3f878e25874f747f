import { recordAudit } from '../../../core/audit.ts';
import type { CoreDeps, RequestContext } from '../../../core/deps.ts';
import type { Tenant } from '../../../core/tenant.ts';

/** What a hook answers the MPC node: the JSON string `"ok"` or `"reject"`. */
export type HookVerdict = 'ok' | 'reject';

/** Audits a refused hook call (a security-relevant decision) and returns `'reject'`. */
export async function rejectHook(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  hook: string,
  reason: string,
  subject: string | null = null,
): Promise<HookVerdict> {
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: `duo.hook.${hook}`, subject, outcome: 'failure', detail: { reason } });
  return 'reject';
}
