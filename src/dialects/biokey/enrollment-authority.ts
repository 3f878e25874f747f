import type { FastifyRequest } from 'fastify';
import { authenticateApiKey } from '../../core/api-keys/authenticate-api-key.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { EnrollmentAuthority } from '../../core/device-keys/authorize-enrollment.ts';
import { optionalRequestBearer } from '../../http/request-bearer.ts';
import { enrollProofFieldsOf, possessionAttemptOf } from './mapping.ts';
import type { EnrollBody } from './wire.ts';

/**
 * What a BioKey `/enroll` offers to (re)bind an existing userId, first found first used:
 * a management key (`X-API-Key`, scope `credentials:write`, this tenant's); a session of that
 * user (`Authorization: Bearer`, Sigil's or the tenant's identity provider's token); a proof by
 * the user's current key in the body (`challenge` + `signature`, or the WebAuthn assertion
 * fields). A header that is present must be valid: a bad one is refused, never ignored.
 */
export async function enrollmentAuthorityOf(core: CoreDeps, request: FastifyRequest<{ Body: EnrollBody }>): Promise<EnrollmentAuthority> {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string') {
    const principal = await authenticateApiKey(core, apiKey, { tenantId: request.tenant.id, scope: 'credentials:write' });
    return { kind: 'management', apiKeyId: principal.apiKey.id };
  }
  const principal = await optionalRequestBearer(core, request);
  if (principal !== null) return { kind: 'session', userId: principal.user.id };
  const attempt = possessionAttemptOf(request.body.userId, enrollProofFieldsOf(request.body));
  return attempt === null ? { kind: 'none' } : { kind: 'possession', attempt };
}

/** The actor an authority makes the request's audit entries name. */
export function actorOf(authority: EnrollmentAuthority): string {
  if (authority.kind === 'management') return `api-key:${authority.apiKeyId}`;
  if (authority.kind === 'session') return `user:${authority.userId}`;
  return 'anonymous';
}
