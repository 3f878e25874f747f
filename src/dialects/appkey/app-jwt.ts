import { SignJWT } from 'jose';
import type { UserProfile } from '../../core/accounts/user-profile.ts';
import { issuerOf } from '../../core/tokens/issuer.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { User } from '../../core/user.ts';
import type { Services } from '../../services.ts';
import type { AppKeySettings } from './settings.ts';

/**
 * The `jwt` of a user object: RS256 with the tenant's app key, so the app verifies it on the
 * device with `appPublicKey` (AppKeySwift `isValidJWT`). AppKey documents no claims; these say
 * who (sub = appUserId), for which app (aud = appId) and until when (`userJWTExpiration` hours).
 */
export async function signAppJwt(services: Services, tenant: Tenant, settings: AppKeySettings, user: User, profile: UserProfile | null): Promise<string> {
  const key = await services.appKeyring.current(tenant.id);
  const iat = Math.floor(services.core.clock.now() / 1000);
  return new SignJWT({
    appId: tenant.id,
    appUserId: user.id,
    handle: user.username,
    displayName: user.displayName,
    ...(profile?.userName ? { userName: profile.userName } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setIssuer(issuerOf(services.core.settings, tenant))
    .setSubject(user.id)
    .setAudience(tenant.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + settings.jwtTtlHours * 3600)
    .sign(key.privateKey);
}

/** `appPublicKey` as the SDK reads it: base64 of the SPKI PEM. */
export async function appPublicKeyOf(services: Services, tenant: Tenant): Promise<string> {
  const key = await services.appKeyring.current(tenant.id);
  return Buffer.from(key.publicPem, 'utf8').toString('base64');
}
