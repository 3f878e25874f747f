import type { FastifyRequest } from 'fastify';

/**
 * The secret of the MPC node's `Authorization: Bearer <secret>`, or null. Any characters are
 * allowed after the scheme (DUO_HOOK_SECRET is free text), unlike an access token's token68.
 */
export function hookSecretOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer +(\S(?:.*\S)?) *$/i.exec(header) : null;
  return match?.[1] ?? null;
}
