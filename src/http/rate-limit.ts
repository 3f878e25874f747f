import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.ts';
import type { Clock, CounterState, EphemeralStore } from '../core/ports.ts';
import { ExhaustedCounters } from './exhausted-counters.ts';

export interface RateLimitSettings {
  readonly enabled: boolean;
  readonly windowMs: number;
  readonly perIp: number;
  readonly perAccount: number;
}

export interface RateLimiter {
  /** `onRequest` (management API, console): counts every request per IP, before authentication can refuse it. */
  byIp(request: FastifyRequest): Promise<void>;
  /**
   * `onRequest` (public APIs): counts per IP now a request to a route that names no account; a
   * route that names one waits for the body, so that both counters move in one store call
   * (`byIpAndAccount`). Either way, an IP this node has seen reach its limit is refused here.
   */
  byIpOrLater(request: FastifyRequest): Promise<void>;
  /**
   * `preHandler` (public APIs), for what `byIpOrLater` left: the IP's and the account's counters
   * in one store call, once the body is valid and the route's own authentication (a dialect's
   * preValidation hook) has let the request through. Only such requests count against an
   * account: a stranger without a token cannot spend a device's or user's limit.
   */
  byIpAndAccount(request: FastifyRequest): Promise<void>;
  /**
   * `onResponse` (public APIs): what `byIpOrLater` left, when the request was answered before
   * `byIpAndAccount` ran (a body that cannot be read or parsed, U+0000, a failed validation, a
   * refused authentication): counted per IP still, after the answer. Once the IP reaches its
   * limit, `byIpOrLater` refuses its next requests with no store call.
   */
  byIpAfterEarlyRefusal(request: FastifyRequest): Promise<void>;
}

/** How many exhausted IP counters a node remembers (exhausted-counters.ts). */
const REMEMBERED_EXHAUSTED = 10_000;

/**
 * Fixed-window limits kept in the ephemeral store, so every node behind a shared Redis counts
 * together: one counter per (tenant, route group, client IP) and, when the request names an
 * account, one per (tenant, route group, account). Should the store have no room for a new
 * counter, the request passes (and the refusal is logged): limits protect the service, and a full
 * store must not turn into an outage of every route.
 */
export function createRateLimiter(store: EphemeralStore, clock: Clock, settings: RateLimitSettings): RateLimiter {
  const exhausted = new ExhaustedCounters(REMEMBERED_EXHAUSTED);
  /** Requests whose counting `byIpOrLater` left for later, with their counters' common prefix. */
  const waiting = new WeakMap<FastifyRequest, string>();

  const refuse = (key: string, resetAt: number): never => {
    throw new DomainError('rate_limited', { retryAfterSeconds: (resetAt - clock.now()) / 1000, detail: key.split(':').slice(0, 3).join(':') });
  };
  const judge = (key: string, state: CounterState, limit: number): void => {
    if (state.count > limit) refuse(key, state.resetAt);
  };
  const isFull = (error: unknown): error is DomainError => error instanceof DomainError && error.code === 'capacity_exceeded';
  /** One counter on its own; null when a full store had no room for it (the request passes, logged). */
  const incrementOrSkip = async (request: FastifyRequest, key: string): Promise<CounterState | null> => {
    try {
      return await store.increment(key, settings.windowMs);
    } catch (error) {
      if (!isFull(error)) throw error;
      request.log.warn({ detail: error.detail }, 'rate limiting skipped: the ephemeral store is full');
      return null;
    }
  };
  const judgeIp = (ipKey: string, state: CounterState): void => {
    exhausted.note(ipKey, state, settings.perIp);
    judge(ipKey, state, settings.perIp);
  };
  const countIp = async (request: FastifyRequest, ipKey: string): Promise<void> => {
    const state = await incrementOrSkip(request, ipKey);
    if (state !== null) judgeIp(ipKey, state);
  };
  /** Refuses an IP known to be over its limit, with no store call. */
  const refuseKnownExhausted = (ipKey: string): void => {
    const until = exhausted.exhaustedUntil(ipKey, clock.now());
    if (until !== undefined) refuse(ipKey, until);
  };
  // `request.routeOptions` is a getter that builds a fresh object: read once per hook.
  const groupOf = (request: FastifyRequest, route: FastifyRequest['routeOptions']): string | null => {
    const config = route.config.rateLimit;
    if (!settings.enabled || config?.exempt) return null;
    const group = typeof config?.group === 'function' ? config.group(request) : config?.group;
    return `rl:${request.tenant.id}:${group ?? `${request.method} ${route.url ?? ''}`}`;
  };
  const ipKeyOf = (base: string, request: FastifyRequest): string => `${base}:ip:${request.ip}`;
  const accountKeyOf = (base: string, account: string): string => `${base}:acct:${createHash('sha256').update(account).digest('base64url').slice(0, 22)}`;

  return {
    async byIp(request) {
      const base = groupOf(request, request.routeOptions);
      if (base === null) return;
      const ipKey = ipKeyOf(base, request);
      refuseKnownExhausted(ipKey);
      await countIp(request, ipKey);
    },

    async byIpOrLater(request) {
      const route = request.routeOptions;
      const base = groupOf(request, route);
      if (base === null) return;
      const ipKey = ipKeyOf(base, request);
      refuseKnownExhausted(ipKey);
      if (route.config.rateLimit?.account === undefined) await countIp(request, ipKey);
      else waiting.set(request, base);
    },

    async byIpAndAccount(request) {
      const base = waiting.get(request);
      if (base === undefined) return;
      waiting.delete(request);
      const ipKey = ipKeyOf(base, request);
      // Only a non-empty string names an account (a route's account reader returns what the
      // validated body or query holds).
      const account: unknown = request.routeOptions.config.rateLimit?.account?.(request);
      if (typeof account !== 'string' || account === '') return countIp(request, ipKey);
      const accountKey = accountKeyOf(base, account);
      let states: CounterState[];
      try {
        states = await store.incrementMany([ipKey, accountKey], settings.windowMs);
      } catch (error) {
        if (!isFull(error)) throw error;
        // A full memory store (the only kind that refuses) may still have one of them: each on
        // its own then, as they were counted before they shared a call.
        await countIp(request, ipKey);
        const byAccount = await incrementOrSkip(request, accountKey);
        if (byAccount !== null) judge(accountKey, byAccount, settings.perAccount);
        return;
      }
      const [byIp, byAccount] = states as [CounterState, CounterState];
      // The IP's refusal first, as when it was counted on its own before the account.
      judgeIp(ipKey, byIp);
      judge(accountKey, byAccount, settings.perAccount);
    },

    async byIpAfterEarlyRefusal(request) {
      const base = waiting.get(request);
      if (base === undefined) return;
      waiting.delete(request);
      try {
        await countIp(request, ipKeyOf(base, request));
      } catch (error) {
        // The request is refused already, for its own reason; this count is all that is left to do.
        if (!(error instanceof DomainError && error.code === 'rate_limited')) request.log.warn({ err: error }, 'rate limiting: counting a refused request failed');
      }
    },
  };
}
