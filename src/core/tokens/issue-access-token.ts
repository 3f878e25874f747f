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
  /** Granted scopes, space-separated (RFC 9068 §2.2.3), for APIs that authorize by scope. */
  readonly scope?: string;
  /** The user's username, for clients that show who is signed in from the token alone. */
  readonly username?: string;
  /** A confirmed transaction: its id and the SHA-256 (base64url) of what was confirmed. */
  readonly txn?: string;
  readonly txh?: string;
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
  readonly scopes?: readonly string[];
  readonly username?: string;
  readonly transaction?: { readonly id: string; readonly payloadHash: string };
}

/** Signs an ES256 access token with the tenant's current key. */
export async function issueAccessToken(
  deps: Pick<CoreDeps, 'keyring' | 'clock' | 'random' | 'settings'>,
  tenant: Tenant,
  request: AccessTokenRequest,
): Promise<IssuedToken> {
  const key = await deps.keyring.current(tenant.id);
  const iat = Math.floor(deps.clock.now() / 1000);
  const base: AccessTokenClaims = {
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
  // The login hot path asks for none of these; only then is the claims object built twice.
  const claims = request.scopes === undefined && request.username === undefined && request.transaction === undefined ? base : withExtraClaims(base, request);
  const token = signEs256Jwt({ kid: key.kid, typ: 'at+jwt' }, claims, key.privateKey);
  return { token, claims, expiresAt: claims.exp * 1000 };
}

/** `scope` (space-separated, RFC 9068 §2.2.3), `username`, and a confirmed transaction's `txn`/`txh`. */
function withExtraClaims(base: AccessTokenClaims, request: AccessTokenRequest): AccessTokenClaims {
  return {
    ...base,
    ...(request.scopes ? { scope: request.scopes.join(' ') } : {}),
    ...(request.username !== undefined ? { username: request.username } : {}),
    ...(request.transaction ? { txn: request.transaction.id, txh: request.transaction.payloadHash } : {}),
  };
}
