import { errors as joseErrors, jwtVerify, type JWTHeaderParameters } from 'jose';
import { DomainError } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import type { AccessTokenClaims } from './issue-access-token.ts';
import { audienceOf, issuerOf } from './issuer.ts';

/**
 * Verifies one of the tenant's own access tokens: ES256 signature by a key the tenant still
 * publishes, issuer, audience, expiry (by the core clock), tenant claim, and revocation by jti.
 */
export async function verifyAccessToken(
  deps: Pick<CoreDeps, 'keyring' | 'clock' | 'settings' | 'storage'>,
  tenant: Tenant,
  token: string,
): Promise<AccessTokenClaims> {
  let payload: Record<string, unknown>;
  try {
    const result = await jwtVerify(
      token,
      async (header: JWTHeaderParameters) => {
        const key = header.kid ? await deps.keyring.verificationKey(tenant.id, header.kid) : null;
        if (!key) throw new DomainError('token_invalid', { detail: 'unknown or retired kid' });
        return key;
      },
      {
        algorithms: ['ES256'],
        issuer: issuerOf(deps.settings, tenant),
        audience: audienceOf(tenant),
        currentDate: new Date(deps.clock.now()),
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
        typ: 'at+jwt',
      },
    );
    payload = result.payload;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new DomainError('token_expired', { cause: error });
    throw new DomainError('token_invalid', { detail: error instanceof Error ? error.message : 'unverifiable token', cause: error });
  }
  if (payload.tenant !== tenant.id) throw new DomainError('token_invalid', { detail: 'token belongs to another tenant' });
  if (!Array.isArray(payload.amr)) throw new DomainError('token_invalid', { detail: 'amr missing' });
  const claims = payload as unknown as AccessTokenClaims;
  if (await deps.storage.revokedTokens.isRevoked(tenant.id, claims.jti)) throw new DomainError('token_revoked');
  return claims;
}
