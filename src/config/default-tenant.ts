import type { DefaultTenantSpec } from '../core/bootstrap/ensure-default-tenant.ts';
import type { TenantDialects } from '../core/tenant-dialects.ts';
import type { Config } from './schema.ts';

/**
 * The default tenant as configuration describes it. These fields follow the environment on
 * every start; tenants that must be managed through the API are created beside it. Its dialects
 * are the dialect registry's to build (`defaultTenantDialects`), from the tenant as it stands.
 */
export function defaultTenantSpec(config: Config, dialects: (current: TenantDialects | null) => TenantDialects): DefaultTenantSpec {
  return {
    rpId: config.rpId,
    rpName: config.rpName,
    origins: config.origins,
    policies: {
      userVerification: config.userVerification,
      attestation: config.attestation,
      challengeTtlSeconds: config.challengeTtlSeconds,
      accessTokenTtlSeconds: config.accessTokenTtlSeconds,
      allowSignUp: config.allowSignUp,
      insecureOpenRegistrationForExistingUsers: config.insecureOpenRegistration,
      insecureAllowLoginWithoutUserPresence: config.insecureAllowLoginWithoutUserPresence,
    },
    integrations: {
      identityProvider:
        config.idpIssuer !== null && config.idpAudience !== null && config.idpJwksUrl !== null
          ? { issuer: config.idpIssuer, audience: config.idpAudience, jwksUrl: config.idpJwksUrl }
          : null,
      faceTec:
        config.faceTecUrl !== null && config.faceTecDeviceKey !== null
          ? { url: config.faceTecUrl, deviceKey: config.faceTecDeviceKey, minMatchLevel: config.faceTecMinMatchLevel }
          : null,
    },
    dialects,
  };
}
