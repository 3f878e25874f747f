import { createHash } from 'node:crypto';
import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { SUBJECT_ISSUE_LIMITS, clientIssueLimits, tenantIssueLimits, type IssueLimit } from './code-policy.ts';
import { clientIssueKey, subjectIssueKey, tenantIssueKey, type CodeScope } from './code-record.ts';

type Deps = Pick<CoreDeps, 'ephemeral' | 'clock' | 'storage' | 'random' | 'settings'>;

/**
 * Counts one issue against every limit, narrowest first, and refuses with `rate_limited` past
 * one. A refusal stops before the wider counters, so one subject or one client hammered does not
 * spend the tenant's budget. Counters that cannot be kept (a full store) refuse the issue: a code
 * sent without limits costs money and guesses. The first refusal of a window is audited.
 */
export async function admitCodeIssue(deps: Deps, ctx: RequestContext, scope: CodeScope): Promise<void> {
  const subject = SUBJECT_ISSUE_LIMITS.map((limit) => [limit, subjectIssueKey(scope, limit.name)] as const);
  const limits = deps.settings.codeIssue;
  const client = ctx.ip === null ? [] : clientIssueLimits(limits).map((limit) => [limit, clientIssueKey(scope.tenantId, limit.name, hashIp(ctx.ip ?? ''))] as const);
  const tenant = tenantIssueLimits(limits).map((limit) => [limit, tenantIssueKey(scope.tenantId, limit.name)] as const);
  for (const [limit, key] of [...subject, ...client, ...tenant]) await count(deps, ctx, scope, limit, key);
}

async function count(deps: Deps, ctx: RequestContext, scope: CodeScope, limit: IssueLimit, key: string): Promise<void> {
  const state = await deps.ephemeral.increment(key, limit.windowMs);
  if (state.count <= limit.max) return;
  if (state.count === limit.max + 1) {
    await recordAudit(deps, ctx, {
      tenantId: scope.tenantId,
      action: 'one-time-code.issue-throttled',
      subject: scope.subject,
      outcome: 'failure',
      detail: { purpose: scope.purpose, limit: limit.name, resetAt: state.resetAt },
    });
  }
  throw new DomainError('rate_limited', {
    retryAfterSeconds: Math.max(1, Math.ceil((state.resetAt - deps.clock.now()) / 1000)),
    detail: `one-time code issue limit ${limit.name} (${limit.max} per ${limit.windowMs / 1000} s) reached`,
  });
}

const hashIp = (ip: string): string => createHash('sha256').update(ip).digest('base64url').slice(0, 22);
