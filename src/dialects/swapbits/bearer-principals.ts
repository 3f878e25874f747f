import type { FastifyRequest } from 'fastify';
import type { CoreDeps } from '../../core/deps.ts';
import { DomainError } from '../../core/errors.ts';
import { authenticateBearer, type BearerPrincipal } from '../../core/identity/authenticate-bearer.ts';
import { bearerTokenOf } from '../../http/bearer.ts';
import { contextOf } from '../../http/request-context.ts';

export interface BearerPrincipals {
  /** A `preValidation` hook: like a NestJS guard, it answers 401 before the body is judged. */
  authenticate(request: FastifyRequest): Promise<void>;
  principalOf(request: FastifyRequest): BearerPrincipal;
}

/**
 * Every SwapBits route needs `Authorization: Bearer`: Sigil's own access token or one of the
 * tenant's trusted identity provider (its `sub` becomes a Sigil user on first sight).
 */
export function bearerPrincipals(core: CoreDeps): BearerPrincipals {
  const principals = new WeakMap<FastifyRequest, BearerPrincipal>();
  return {
    async authenticate(request) {
      principals.set(request, await authenticateBearer(core, contextOf(request), request.tenant, bearerTokenOf(request)));
    },
    principalOf(request) {
      const principal = principals.get(request);
      if (principal === undefined) throw new DomainError('unauthorized', { detail: 'route reached without authentication' });
      return principal;
    },
  };
}
