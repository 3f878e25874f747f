import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { DomainError } from '../core/errors.ts';

export type SocialProvider = 'google' | 'apple';

/** Who a provider's ID token says the user is. */
export interface SocialIdentity {
  readonly provider: SocialProvider;
  /** The provider's issuer, as the external identity is keyed. */
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | null;
  readonly name: string | null;
}

export interface SocialTokenVerifier {
  /** `audience`: the tenant's Google client id or Apple bundle id. */
  verify(provider: SocialProvider, token: string, audience: string, now: number): Promise<SocialIdentity>;
}

/** Google has issued both forms; Apple one. */
const ISSUERS: { readonly [P in SocialProvider]: readonly string[] } = {
  google: ['https://accounts.google.com', 'accounts.google.com'],
  apple: ['https://appleid.apple.com'],
};

/**
 * Google and Apple ID tokens, verified with jose against the providers' JWKS (fetched once and
 * cached; the URLs are configuration, so tests point them at a local issuer): RS256 signature,
 * issuer, audience, expiry by the injected time.
 */
export function createSocialTokenVerifier(jwksUrls: { readonly [P in SocialProvider]: string }): SocialTokenVerifier {
  const sets = {
    google: createRemoteJWKSet(new URL(jwksUrls.google), { timeoutDuration: 3000, cacheMaxAge: 10 * 60_000 }),
    apple: createRemoteJWKSet(new URL(jwksUrls.apple), { timeoutDuration: 3000, cacheMaxAge: 10 * 60_000 }),
  };
  return {
    async verify(provider, token, audience, now) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, sets[provider], {
          issuer: [...ISSUERS[provider]],
          audience,
          algorithms: ['RS256', 'ES256'],
          currentDate: new Date(now),
          requiredClaims: ['sub', 'exp', 'iat'],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new DomainError('token_expired', { cause: error });
        if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
          throw new DomainError('service_unavailable', { detail: `${provider} JWKS: ${error instanceof Error ? error.message : String(error)}`, cause: error });
        }
        throw new DomainError('token_invalid', { detail: `${provider} ID token: ${error.message}`, cause: error });
      }
      return {
        provider,
        issuer: ISSUERS[provider][0] as string,
        subject: payload.sub as string,
        email: typeof payload.email === 'string' ? payload.email.toLowerCase() : null,
        name: typeof payload.name === 'string' ? payload.name : null,
      };
    },
  };
}
