import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../core/deps.ts';
import type { BearerPolicy } from '../../core/identity/authenticate-bearer.ts';
import type { User } from '../../core/user.ts';
import { bearerTokenOf, type AuthorizationForms } from '../../http/bearer.ts';
import { authenticateRequestBearer } from '../../http/request-bearer.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import type { AppKeyApp } from './app-of.ts';
import { AppKeyError } from './errors.ts';

/** AppKey's access token is Sigil's own; an external provider's tokens do not log into AppKey. */
const SIGIL_ONLY: BearerPolicy = { acceptSigil: true, acceptIdentityProvider: false };

export interface AppKeyUser {
  readonly user: User;
  /** The access token the caller presented (answers that replace the SDK's user carry it back). */
  readonly accessToken: string;
  readonly ctx: RequestContext;
}

const ACCESS_TOKEN = 'access-token';
/** AppKey's `access-token` header holds the token alone. */
const ACCESS_TOKEN_FORMS: AuthorizationForms = { header: ACCESS_TOKEN, bare: true };

const headerOf = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Constant-time comparison of digests of equal length. */
function isAppToken(token: string, settings: AppKeyApp): boolean {
  const given = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, Buffer.from(settings.appTokenHash, 'hex'));
}

/** `access-token` (a user's Sigil access token of this tenant, bare), or 405 (`unauthorized`). */
export async function authenticateAppUser(services: Services, request: FastifyRequest): Promise<AppKeyUser> {
  const principal = await authenticateRequestBearer(services.core, request, SIGIL_ONLY, ACCESS_TOKEN_FORMS);
  return { user: principal.user, accessToken: bearerTokenOf(request, ACCESS_TOKEN_FORMS), ctx: contextOf(request, `user:${principal.user.id}`) };
}

/**
 * Pre-login routes: the app's `app-token`, or — because the current JS SDK sends one token
 * header only, `access-token` once a user is stored — a valid access token of this tenant.
 */
export async function authenticateApp(services: Services, request: FastifyRequest, settings: AppKeyApp): Promise<AppKeyUser | null> {
  const appToken = headerOf(request, 'app-token');
  if (appToken !== undefined && isAppToken(appToken, settings)) return null;
  if (appToken === undefined && headerOf(request, ACCESS_TOKEN) !== undefined) return authenticateAppUser(services, request);
  throw new AppKeyError(400, 'unauthorized', appToken === undefined ? 'no app-token header' : 'wrong app token');
}
