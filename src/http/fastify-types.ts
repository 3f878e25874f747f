import type { FastifyRequest } from 'fastify';
import type { BearerPrincipal } from '../core/identity/authenticate-bearer.ts';
import type { Tenant } from '../core/tenant.ts';

/** Per-route rate-limit settings, given as `config: { rateLimit: … }` in a route's options. */
export interface RouteRateLimit {
  /**
   * Routes sharing a group share counters; defaults to the route's method and URL. A function
   * names the group per request, for one route that serves several endpoints (AppKey's
   * `/api/appuser/:action`); it must answer from a fixed set, never from raw input.
   */
  readonly group?: string | ((request: FastifyRequest) => string);
  /**
   * The account a request names (username, user id, device id), limited on its own. Read in
   * `preHandler`, once the body is valid and the route's authentication passed (rate-limit.ts);
   * only a non-empty string names an account.
   */
  readonly account?: (request: FastifyRequest) => string | undefined;
  /** Exempts a route (only for operational endpoints such as /health). */
  readonly exempt?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant the request is for; set before any public route runs. */
    tenant: Tenant;
    /** Who the request's bearer token names, once a dialect authenticated it (request-bearer.ts); else null. */
    principal: BearerPrincipal | null;
  }
  interface FastifyContextConfig {
    rateLimit?: RouteRateLimit;
  }
}
