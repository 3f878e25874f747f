import { createHash } from 'node:crypto';
import type { DefaultTenantSpec } from '../core/bootstrap/ensure-default-tenant.ts';
import type { Config } from './schema.ts';

/**
 * The default tenant as configuration describes it. These fields follow the environment on
 * every start; tenants that must be managed through the API are created beside it.
 */
export function defaultTenantSpec(config: Config): DefaultTenantSpec {
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
      duoHookSecretHash: config.duoHookSecret === null ? null : createHash('sha256').update(config.duoHookSecret).digest('hex'),
      faceTec:
        config.faceTecUrl !== null && config.faceTecDeviceKey !== null
          ? { url: config.faceTecUrl, deviceKey: config.faceTecDeviceKey, minMatchLevel: config.faceTecMinMatchLevel }
          : null,
      biokeyInsecureLegacyMode: config.biokeyInsecureLegacyMode,
      appkey: appKeyOf(config),
    },
  };
}

/** The default tenant's AppKey app, from APPKEY_* (the token hashed); null without a token. */
function appKeyOf(config: Config): Readonly<Record<string, unknown>> | null {
  if (config.appKeyAppToken === null) return null;
  return {
    appTokenHash: createHash('sha256').update(config.appKeyAppToken).digest('hex'),
    signup: config.appKeySignup,
    anonymousLogin: config.appKeyAnonymousLogin,
    userNames: config.appKeyUserNames,
    handleType: config.appKeyHandleType,
    jwtTtlHours: config.appKeyJwtTtlHours,
    googleClientId: config.appKeyGoogleClientId,
    appleBundleId: config.appKeyAppleBundleId,
  };
}
