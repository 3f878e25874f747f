import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.ts';
import type { Clock, EphemeralStore } from '../core/ports.ts';

export interface RateLimitSettings {
  readonly enabled: boolean;
  readonly windowMs: number;
  readonly perIp: number;
  readonly perAccount: number;
}

export interface RateLimiter {
  /** `onRequest`: counts every request, before authentication can refuse it. */
  byIp(request: FastifyRequest): Promise<void>;
  /** `preHandler`: counts requests that name an account, once the body is parsed. */
  byAccount(request: FastifyRequest): Promise<void>;
}

/**
 * Fixed-window limits kept in the ephemeral store, so every node behind a shared Redis counts
 * together: one counter per (tenant, route group, client IP) and, when the request names an
 * account, one per (tenant, route group, account). Should the store have no room for a new
 * counter, the request passes (and the refusal is logged): limits protect the service, and a full
 * store must not turn into an outage of every route.
 */
export function createRateLimiter(store: EphemeralStore, clock: Clock, settings: RateLimitSettings): RateLimiter {
  const check = async (request: FastifyRequest, key: string, limit: number): Promise<void> => {
    let count: number;
    let resetAt: number;
    try {
      ({ count, resetAt } = await store.increment(key, settings.windowMs));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'capacity_exceeded') {
        request.log.warn({ detail: error.detail }, 'rate limiting skipped: the ephemeral store is full');
        return;
      }
      throw error;
    }
    if (count > limit) {
      throw new DomainError('rate_limited', { retryAfterSeconds: (resetAt - clock.now()) / 1000, detail: key.split(':').slice(0, 3).join(':') });
    }
  };
  const groupOf = (request: FastifyRequest): string | null => {
    const config = request.routeOptions.config.rateLimit;
    if (!settings.enabled || config?.exempt) return null;
    const group = typeof config?.group === 'function' ? config.group(request) : config?.group;
    return `rl:${request.tenant.id}:${group ?? `${request.method} ${request.routeOptions.url ?? ''}`}`;
  };

  return {
    async byIp(request) {
      const base = groupOf(request);
      if (base !== null) await check(request, `${base}:ip:${request.ip}`, settings.perIp);
    },
    async byAccount(request) {
      const base = groupOf(request);
      const account = base === null ? undefined : request.routeOptions.config.rateLimit?.account?.(request);
      if (base === null || account === undefined || account === '') return;
      const digest = createHash('sha256').update(account).digest('base64url').slice(0, 22);
      await check(request, `${base}:acct:${digest}`, settings.perAccount);
    },
  };
}
