import type { FastifyRequest } from 'fastify';
import type { CoreDeps } from '../core/deps.ts';
import { DomainError } from '../core/errors.ts';
import { authenticateBearer, type BearerPolicy, type BearerPrincipal } from '../core/identity/authenticate-bearer.ts';
import { bearerTokenOf, presentedToken, type AuthorizationForms } from './bearer.ts';
import { contextOf } from './request-context.ts';

/**
 * The one way a dialect authenticates `Authorization: Bearer` on a request of its tenant: Sigil's
 * own access token or the tenant's trusted identity provider's (as `policy` allows), a missing
 * or malformed header being `unauthorized`. The principal is kept on the request. `forms` adds
 * the header forms a dialect's clients send besides `Bearer` (LoginID: a bare token).
 */
export async function authenticateRequestBearer(core: CoreDeps, request: FastifyRequest, policy?: BearerPolicy, forms?: AuthorizationForms): Promise<BearerPrincipal> {
  const principal = await authenticateBearer(core, contextOf(request), request.tenant, bearerTokenOf(request, forms), policy);
  request.principal = principal;
  return principal;
}

/** As `authenticateRequestBearer` when the header is present; null without one (a present, bad one is refused). */
export async function optionalRequestBearer(core: CoreDeps, request: FastifyRequest, policy?: BearerPolicy, forms?: AuthorizationForms): Promise<BearerPrincipal | null> {
  return presentedToken(request, forms) === null ? null : authenticateRequestBearer(core, request, policy, forms);
}

/**
 * A `preValidation` hook for routes that all need a bearer: like a NestJS guard, it answers 401
 * before the body is judged. Handlers then read `principalOf(request)`.
 */
export function requireBearer(core: CoreDeps, policy?: BearerPolicy): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    await authenticateRequestBearer(core, request, policy);
  };
}

/** The principal a bearer hook authenticated; `unauthorized` if the route was reached without one. */
export function principalOf(request: FastifyRequest): BearerPrincipal {
  if (request.principal === null) throw new DomainError('unauthorized', { detail: 'route reached without authentication' });
  return request.principal;
}
