import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { acceptEmptyJsonBodies } from '../../http/accept-empty-json.ts';
import { installErrorHandler } from '../../http/error-table.ts';
import type { Dialect, DialectOptions } from '../dialect.ts';
import { appOf } from './app-of.ts';
import type { AppKeyRoute } from './appkey-route.ts';
import { APPKEY_ERROR_TABLE, appKeyOpaque500 } from './errors.ts';
import { ANONYMOUS_ROUTES } from './routes/anonymous-routes.ts';
import { APP_ROUTES } from './routes/app-routes.ts';
import { LOGIN_ROUTES } from './routes/login-routes.ts';
import { PASSKEY_ROUTES } from './routes/passkey-routes.ts';
import { PROFILE_ROUTES } from './routes/profile-routes.ts';
import { SIGNUP_CODE_ROUTES } from './routes/signup-code-routes.ts';
import { SIGNUP_ROUTES } from './routes/signup-routes.ts';
import { SOCIAL_ROUTES } from './routes/social-routes.ts';
import { appKeySettings, type AppKeySettings } from './settings.ts';
import { acceptFormBodies, bodyOf } from './wire.ts';

const ROUTES: readonly AppKeyRoute[] = [...APP_ROUTES, ...SIGNUP_ROUTES, ...SIGNUP_CODE_ROUTES, ...LOGIN_ROUTES, ...ANONYMOUS_ROUTES, ...SOCIAL_ROUTES, ...PROFILE_ROUTES, ...PASSKEY_ROUTES];

/** `GET setusername` → route: the SDKs disagree on casing (`setUserName` / `setUsername`). */
const BY_NAME = new Map(ROUTES.map((r) => [`${r.method} ${r.name.toLowerCase()}`, r]));

const routeOf = (request: FastifyRequest): AppKeyRoute | undefined => {
  const { action } = request.params as { action?: unknown };
  return typeof action === 'string' ? BY_NAME.get(`${request.method} ${action.toLowerCase()}`) : undefined;
};

/**
 * Each endpoint counts on its own (a burst of `login` does not use up `signupComplete`'s
 * allowance), named by its canonical name; unknown names share one group, so made-up paths
 * cannot mint counters.
 */
const rateLimitGroupOf = (request: FastifyRequest): string => {
  const route = routeOf(request);
  return route === undefined ? 'appkey unknown' : `appkey ${route.method} ${route.name}`;
};

const handleOfBody = (request: FastifyRequest): string | undefined => {
  const handle = (request.body as { handle?: unknown } | undefined)?.handle;
  return typeof handle === 'string' ? handle.toLowerCase() : undefined;
};

/**
 * AppKey's `/api/appuser` API (seed 002), as its iOS and JavaScript SDKs speak it: JSON or form
 * bodies, `app-token` / `access-token` / `signup-token` headers, HTTP 400 `{code, message}`
 * refusals. One route per method takes the endpoint name as a parameter, so names match
 * whatever their casing; the handler is found in a table of the routes/ files.
 */
async function appKeyPlugin(app: FastifyInstance, { services }: DialectOptions): Promise<void> {
  installErrorHandler(app, APPKEY_ERROR_TABLE, appKeyOpaque500);
  acceptEmptyJsonBodies(app);
  acceptFormBodies(app);
  // One route per method, so each is a route of this dialect in the metrics.
  for (const method of ['GET', 'POST'] as const) {
    app.route<{ Params: { action: string } }>({
      method,
      url: '/api/appuser/:action',
      config: { rateLimit: { group: rateLimitGroupOf, account: handleOfBody } },
      handler: async (request) => {
        const route = routeOf(request);
        if (!route) throw new DomainError('not_found', { detail: `no AppKey endpoint ${request.method} ${request.params.action.slice(0, 64)}` });
        const settings = appOf(request.tenant);
        return route.handle({ request, services, tenant: request.tenant, settings, body: bodyOf(request.body) });
      },
    });
  }
}

export const appKeyDialect: Dialect<AppKeySettings> = {
  name: 'appkey',
  plugin: appKeyPlugin,
  // Both methods of the one parametric route; `/api/appuser/<name>` is three segments deep,
  // where no other dialect has a route.
  routes: ['GET /api/appuser/:action', 'POST /api/appuser/:action'],
  settings: appKeySettings,
};
