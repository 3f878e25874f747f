import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { admitCodeIssue } from './admit-code-issue.ts';
import {
  DEFAULT_CODE_MAX_ATTEMPTS,
  DEFAULT_CODE_TTL_SECONDS,
  EXPIRED_CODE_GRACE_MS,
  MAX_CODE_DATA_LENGTH,
  MAX_CODE_MAX_ATTEMPTS,
  MAX_CODE_TTL_SECONDS,
  isName,
} from './code-policy.ts';
import { codeKey, digestCode, serializeRecord, type CodeScope } from './code-record.ts';
import { generateCode } from './generate-code.ts';
import type { CodeIssueRequest, IssuedCode } from './one-time-code.ts';

/**
 * Issues a fresh code for (tenant, purpose, subject), replacing any live one (whose tries end
 * with it). Only a keyed digest is stored; the code itself is returned once, to be delivered.
 */
export async function issueOneTimeCode(deps: CoreDeps, ctx: RequestContext, tenant: Tenant, req: CodeIssueRequest): Promise<IssuedCode> {
  const ttlSeconds = req.ttlSeconds ?? DEFAULT_CODE_TTL_SECONDS;
  const maxAttempts = req.maxAttempts ?? DEFAULT_CODE_MAX_ATTEMPTS;
  checkRequest(req, ttlSeconds, maxAttempts);
  const scope: CodeScope = { tenantId: tenant.id, purpose: req.purpose, subject: req.subject };
  await admitCodeIssue(deps, ctx, scope);

  const code = generateCode(deps.random);
  const id = deps.random.uuid();
  const expiresAt = deps.clock.now() + ttlSeconds * 1000;
  const record = { id, digest: digestCode(deps.settings.codeKey, scope, id, code), expiresAt, maxAttempts, data: req.data ?? null };
  await deps.ephemeral.set(codeKey(scope), serializeRecord(record), ttlSeconds * 1000 + EXPIRED_CODE_GRACE_MS);
  await recordAudit(deps, ctx, {
    tenantId: tenant.id,
    action: 'one-time-code.issued',
    subject: req.subject,
    detail: { purpose: req.purpose, codeId: id, expiresAt, maxAttempts },
  });
  return { code, expiresAt };
}

function checkRequest(req: CodeIssueRequest, ttlSeconds: number, maxAttempts: number): void {
  const problems: string[] = [];
  if (!isName(req.purpose)) problems.push('purpose must be a non-empty string');
  if (!isName(req.subject)) problems.push('subject must be a non-empty string');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_CODE_TTL_SECONDS) {
    problems.push(`ttlSeconds must be an integer from 1 to ${MAX_CODE_TTL_SECONDS}`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_CODE_MAX_ATTEMPTS) {
    problems.push(`maxAttempts must be an integer from 1 to ${MAX_CODE_MAX_ATTEMPTS}`);
  }
  if (req.data !== undefined && (typeof req.data !== 'string' || req.data.length > MAX_CODE_DATA_LENGTH)) {
    problems.push(`data must be a string of at most ${MAX_CODE_DATA_LENGTH} characters`);
  }
  if (problems.length > 0) throw new DomainError('invalid_request', { detail: problems.join('; ') });
}
