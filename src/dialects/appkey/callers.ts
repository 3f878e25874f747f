import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../core/deps.ts';
import { authenticateBearer, type BearerPolicy } from '../../core/identity/authenticate-bearer.ts';
import type { User } from '../../core/user.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { AppKeyError } from './errors.ts';
import type { AppKeySettings } from './settings.ts';

/** AppKey's access token is Sigil's own; an external provider's tokens do not log into AppKey. */
const SIGIL_ONLY: BearerPolicy = { acceptSigil: true, acceptIdentityProvider: false };

export interface AppKeyUser {
  readonly user: User;
  /** The access token the caller presented (answers that replace the SDK's user carry it back). */
  readonly accessToken: string;
  readonly ctx: RequestContext;
}

const headerOf = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Constant-time comparison of digests of equal length. */
function isAppToken(token: string, settings: AppKeySettings): boolean {
  const given = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, Buffer.from(settings.appTokenHash, 'hex'));
}

/** `access-token` (a user's Sigil access token of this tenant), or 405. */
export async function authenticateAppUser(services: Services, request: FastifyRequest): Promise<AppKeyUser> {
  const token = headerOf(request, 'access-token');
  if (token === undefined) throw new AppKeyError(405, 'unauthorized', 'no access-token header');
  const principal = await authenticateBearer(services.core, contextOf(request), request.tenant, token, SIGIL_ONLY);
  return { user: principal.user, accessToken: token, ctx: contextOf(request, `user:${principal.user.id}`) };
}

/**
 * Pre-login routes: the app's `app-token`, or — because the current JS SDK sends one token
 * header only, `access-token` once a user is stored — a valid access token of this tenant.
 */
export async function authenticateApp(services: Services, request: FastifyRequest, settings: AppKeySettings): Promise<AppKeyUser | null> {
  const appToken = headerOf(request, 'app-token');
  if (appToken !== undefined && isAppToken(appToken, settings)) return null;
  if (appToken === undefined && headerOf(request, 'access-token') !== undefined) return authenticateAppUser(services, request);
  throw new AppKeyError(400, 'unauthorized', appToken === undefined ? 'no app-token header' : 'wrong app token');
}
