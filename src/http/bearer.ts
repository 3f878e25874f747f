import type { FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.ts';

/** What a bearer token may consist of (RFC 6750 §2.1 `b64token`). */
const TOKEN = '[A-Za-z0-9._~+/-]+=*';
const AUTHORIZATION = new RegExp(`^Bearer[ ]+(${TOKEN})$`, 'i');
const BARE = new RegExp(`^(${TOKEN})$`);

/**
 * The token of `Authorization: Bearer <token>`, or, for a wire that carries it in a header of its
 * own (AppKey's `access-token`), that header's whole value; `unauthorized` without one.
 */
export function bearerTokenOf(request: FastifyRequest, header = 'authorization'): string {
  const value = request.headers[header];
  const match = typeof value === 'string' ? (header === 'authorization' ? AUTHORIZATION : BARE).exec(value.trim()) : null;
  if (!match?.[1]) throw new DomainError('unauthorized', { detail: 'no bearer token' });
  return match[1];
}
