import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope } from '../../core/api-key.ts';
import type { CoreDeps } from '../../core/deps.ts';
import { principalOfSession, requireScope, type OperatorPrincipal } from '../../core/operators/operator-principal.ts';
import { checkCsrfToken, touchOperatorSession, type OperatorSession } from '../../core/operators/operator-sessions.ts';
import { consoleCookieOf } from './console-cookie.ts';

export const CSRF_HEADER = 'x-sigil-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The console session a request carries, checked: live (its idle timer restarted), and for a
 * state-changing method with the session's CSRF token in `X-Sigil-CSRF` (SameSite=Strict is the
 * first defence; the token the second). Null when the request has no console cookie.
 */
export async function consoleSessionOf(core: CoreDeps, request: FastifyRequest): Promise<{ token: string; session: OperatorSession; principal: OperatorPrincipal } | null> {
  const token = consoleCookieOf(request, core.settings.publicUrl);
  if (token === undefined || token === '') return null;
  const session = await touchOperatorSession(core, token);
  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    checkCsrfToken(session, typeof header === 'string' ? header : undefined);
  }
  return { token, session, principal: await principalOfSession(core, session) };
}

/**
 * What the management API calls when a request presents no API key: the console session's
 * principal, holding `scope`, or null when there is no session cookie either.
 */
export async function consoleSessionPrincipal(core: CoreDeps, request: FastifyRequest, scope: ApiKeyScope): Promise<OperatorPrincipal | null> {
  const found = await consoleSessionOf(core, request);
  if (found === null) return null;
  requireScope(found.principal, scope);
  return found.principal;
}
