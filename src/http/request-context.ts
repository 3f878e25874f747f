import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../core/deps.ts';

/** The core's view of an HTTP request: who, from where, and the request's own logger. */
export function contextOf(request: FastifyRequest, actor = 'anonymous'): RequestContext {
  return { requestId: request.id, ip: request.ip, actor, logger: request.log };
}
