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

/**
 * Fixed-window limits kept in the ephemeral store, so every node behind a shared Redis counts
 * together: one counter per (tenant, route group, client IP) and, when the request names an
 * account, one per (tenant, route group, account).
 */
export function createRateLimiter(store: EphemeralStore, clock: Clock, settings: RateLimitSettings) {
  const check = async (key: string, limit: number): Promise<void> => {
    const state = await store.increment(key, settings.windowMs);
    if (state.count > limit) {
      throw new DomainError('rate_limited', { retryAfterSeconds: (state.resetAt - clock.now()) / 1000, detail: key.split(':').slice(0, 3).join(':') });
    }
  };

  return async function limit(request: FastifyRequest): Promise<void> {
    const config = request.routeOptions.config.rateLimit;
    if (!settings.enabled || config?.exempt) return;
    const group = config?.group ?? `${request.method} ${request.routeOptions.url ?? ''}`;
    const base = `rl:${request.tenant.id}:${group}`;
    await check(`${base}:ip:${request.ip}`, settings.perIp);
    const account = config?.account?.(request);
    if (account !== undefined && account !== '') {
      const digest = createHash('sha256').update(account).digest('base64url').slice(0, 22);
      await check(`${base}:acct:${digest}`, settings.perAccount);
    }
  };
}
