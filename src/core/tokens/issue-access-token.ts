import { signEs256Jwt } from '../../crypto/sign-es256-jwt.ts';
import { toBase64Url } from '../encoding.ts';
import type { CoreDeps } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import { audienceOf, issuerOf } from './issuer.ts';

/** Authentication methods (RFC 8176 values where one fits). */
export type AuthMethod = 'passkey' | 'hwk' | 'bio' | 'face' | 'otp' | 'user' | 'mfa' | 'pop';

export interface AccessTokenClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
  readonly tenant: string;
  readonly amr: readonly AuthMethod[];
  /** Credential (passkey or device key) that authenticated, base64url credential id. */
  readonly cred?: string;
}

export interface IssuedToken {
  readonly token: string;
  readonly claims: AccessTokenClaims;
  readonly expiresAt: number;
}

export interface AccessTokenRequest {
  readonly userId: string;
  readonly amr: readonly AuthMethod[];
  readonly credentialId?: Uint8Array;
}

/** Signs an ES256 access token with the tenant's current key. */
export async function issueAccessToken(
  deps: Pick<CoreDeps, 'keyring' | 'clock' | 'random' | 'settings'>,
  tenant: Tenant,
  request: AccessTokenRequest,
): Promise<IssuedToken> {
  const key = await deps.keyring.current(tenant.id);
  const iat = Math.floor(deps.clock.now() / 1000);
  const claims: AccessTokenClaims = {
    iss: issuerOf(deps.settings, tenant),
    sub: request.userId,
    aud: audienceOf(tenant),
    iat,
    exp: iat + tenant.policies.accessTokenTtlSeconds,
    jti: toBase64Url(deps.random.bytes(16)),
    tenant: tenant.id,
    amr: request.amr,
    ...(request.credentialId ? { cred: toBase64Url(request.credentialId) } : {}),
  };
  const token = signEs256Jwt({ kid: key.kid, typ: 'at+jwt' }, claims, key.privateKey);
  return { token, claims, expiresAt: claims.exp * 1000 };
}
