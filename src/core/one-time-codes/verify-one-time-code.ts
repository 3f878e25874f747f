import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError, type ErrorCode } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { attemptsKey, codeKey, digestCode, digestsMatch, parseRecord, serializeRecord, type CodeRecord, type CodeScope } from './code-record.ts';
import { EXPIRED_CODE_GRACE_MS, isName } from './code-policy.ts';
import type { CodeVerifyRequest } from './one-time-code.ts';

/**
 * Checks a typed code against the live one of (tenant, purpose, subject). Every try is counted
 * before it is compared, atomically, so concurrent guesses cannot all slip past the limit; the
 * try after `maxAttempts` wrong ones fails with `locked_out` even with the right code. A right
 * code is consumed atomically: of two concurrent right answers exactly one wins.
 */
export async function verifyOneTimeCode(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, req: CodeVerifyRequest): Promise<{ data: string | null }> {
  if (!isName(req.purpose) || !isName(req.subject) || typeof req.code !== 'string') {
    throw new DomainError('invalid_request', { detail: 'purpose, subject and code must be non-empty strings' });
  }
  const scope: CodeScope = { tenantId: tenant.id, purpose: req.purpose, subject: req.subject };
  const key = codeKey(scope);
  const record = parseRecord(await deps.ephemeral.get(key));
  if (record === null) return refuse(deps, ctx, scope, null, 'code_invalid', 'no live code');
  const now = deps.clock.now();
  if (now >= record.expiresAt) return refuse(deps, ctx, scope, record, 'code_expired', 'the code has expired');

  const window = Math.max(1, record.expiresAt + EXPIRED_CODE_GRACE_MS - now);
  const tries = await deps.ephemeral.increment(attemptsKey(scope, record.id), window);
  if (tries.count > record.maxAttempts) return refuse(deps, ctx, scope, record, 'locked_out', `try ${tries.count} after ${record.maxAttempts} wrong`);

  if (!digestsMatch(digestCode(deps.settings.codeKey, scope, record.id, req.code), record.digest)) {
    if (tries.count === record.maxAttempts) await audit(deps, ctx, scope, record, 'one-time-code.locked', 'failure', { attempts: tries.count });
    return refuse(deps, ctx, scope, record, 'code_invalid', `wrong code (try ${tries.count} of ${record.maxAttempts})`);
  }

  const taken = parseRecord(await deps.ephemeral.take(key));
  if (taken === null || taken.id !== record.id) {
    // A newer code replaced this one between the read and the take: put it back untouched.
    if (taken !== null) await deps.ephemeral.set(key, serializeRecord(taken), Math.max(1, taken.expiresAt + EXPIRED_CODE_GRACE_MS - now));
    return refuse(deps, ctx, scope, record, 'code_invalid', 'already used or replaced');
  }
  await deps.ephemeral.delete(attemptsKey(scope, record.id));
  await audit(deps, ctx, scope, record, 'one-time-code.verified', 'success', { attempts: tries.count });
  return { data: record.data };
}

async function refuse(deps: CoreDeps, ctx: RequestContext, scope: CodeScope, record: CodeRecord | null, code: ErrorCode, detail: string): Promise<never> {
  await audit(deps, ctx, scope, record, 'one-time-code.verify-failed', 'failure', { error: code });
  throw new DomainError(code, { detail });
}

function audit(
  deps: CoreDeps,
  ctx: RequestContext,
  scope: CodeScope,
  record: CodeRecord | null,
  action: string,
  outcome: 'success' | 'failure',
  facts: Record<string, unknown>,
): Promise<void> {
  return recordAudit(deps, ctx, {
    tenantId: scope.tenantId,
    action,
    subject: scope.subject,
    outcome,
    detail: { purpose: scope.purpose, codeId: record?.id ?? null, ...facts },
  });
}
