import type { FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.ts';

/** The token of `Authorization: Bearer <token>`, or `unauthorized`. */
export function bearerTokenOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim()) : null;
  if (!match?.[1]) throw new DomainError('unauthorized', { detail: 'no bearer token' });
  return match[1];
}
