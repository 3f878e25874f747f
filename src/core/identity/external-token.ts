import type { IdentityProviderSettings } from '../tenant.ts';

/** What Sigil keeps of a verified access token of an external identity provider. */
export interface ExternalTokenClaims {
  readonly issuer: string;
  readonly subject: string;
  /** From `scope` (space separated) or `scp` (array). */
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

/**
 * Verifies an external provider's access token: signature by a key of the provider's JWKS,
 * `iss`, `aud` (must contain the configured audience), `exp`/`nbf` at `now`. Fails with
 * `token_invalid`, `token_expired`, or `service_unavailable` when the JWKS cannot be fetched.
 */
export interface ExternalTokenVerifier {
  verify(provider: IdentityProviderSettings, token: string, now: number): Promise<ExternalTokenClaims>;
}
