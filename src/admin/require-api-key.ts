import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope } from '../core/api-key.ts';
import { authenticateApiKey, type ApiKeyPrincipal } from '../core/api-keys/authenticate-api-key.ts';
import type { CoreDeps } from '../core/deps.ts';
import { DomainError } from '../core/errors.ts';

/** The management key from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedApiKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+/i.test(header)) return header.replace(/^Bearer\s+/i, '').trim();
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey.trim();
  throw new DomainError('unauthorized', { detail: 'no api key presented' });
}

export async function requireApiKey(core: CoreDeps, request: FastifyRequest, scope: ApiKeyScope): Promise<ApiKeyPrincipal> {
  return authenticateApiKey(core, presentedApiKey(request), { scope });
}
