import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { ExternalTokenClaims, ExternalTokenVerifier } from '../core/identity/external-token.ts';
import { DomainError } from '../core/errors.ts';

/** Asymmetric algorithms only: an HMAC "JWKS" or `none` must never verify anything. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface JoseVerifierOptions {
  /** Bound on one JWKS fetch. */
  readonly timeoutMs?: number;
  /** How long a fetched JWKS is trusted before it is fetched again. */
  readonly cacheMaxAgeMs?: number;
  /** Least time between two fetches triggered by an unknown `kid`. */
  readonly cooldownMs?: number;
}

/** One remote JWKS per URL, cached by jose: the hot path fetches nothing. */
export function createJoseExternalTokenVerifier(options: JoseVerifierOptions = {}): ExternalTokenVerifier {
  const sets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const jwksFor = (url: string): ReturnType<typeof createRemoteJWKSet> => {
    let set = sets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url), {
        timeoutDuration: options.timeoutMs ?? 3000,
        cacheMaxAge: options.cacheMaxAgeMs ?? 10 * 60_000,
        cooldownDuration: options.cooldownMs ?? 30_000,
      });
      sets.set(url, set);
    }
    return set;
  };

  return {
    async verify(provider, token, now): Promise<ExternalTokenClaims> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwksFor(provider.jwksUrl), {
          issuer: provider.issuer,
          audience: provider.audience,
          algorithms: ALGORITHMS,
          currentDate: new Date(now),
          requiredClaims: ['sub', 'exp'],
        }));
      } catch (error) {
        throw mapError(error);
      }
      return {
        issuer: provider.issuer,
        subject: payload.sub as string,
        scopes: scopesOf(payload),
        expiresAt: (payload.exp as number) * 1000,
      };
    },
  };
}

function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter((s) => s !== '');
  if (Array.isArray(payload.scp)) return payload.scp.filter((s): s is string => typeof s === 'string');
  return [];
}

function mapError(error: unknown): DomainError {
  if (error instanceof errors.JWTExpired) return new DomainError('token_expired', { cause: error });
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError)) {
    return new DomainError('service_unavailable', { detail: `identity provider JWKS: ${error instanceof Error ? error.message : String(error)}`, cause: error });
  }
  return new DomainError('token_invalid', { detail: error.message, cause: error });
}
