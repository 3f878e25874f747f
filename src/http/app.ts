import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { adminPlugin } from '../admin/plugin.ts';
import { consolePlugin } from '../admin/console/console-plugin.ts';
import { demoRoutes } from '../demo/demo-routes.ts';
import { installHttpMetrics } from '../metrics/install-http-metrics.ts';
import { metricsRoutes } from '../metrics/metrics-routes.ts';
import type { Services } from '../services.ts';
import { installErrorHandler } from './error-table.ts';
import './fastify-types.ts';
import { lazyChildLogger } from './lazy-child-logger.ts';
import { createRateLimiter } from './rate-limit.ts';
import { createValidatorCompiler } from './validators.ts';
import { readJsonBodies } from './json-bodies.ts';
import { rejectNul } from './reject-nul.ts';
import { serveDialect } from './serve-dialect.ts';
import { resolveTenant, TENANT_HEADER, TENANT_PREFIX, tenantForCors } from './resolve-tenant.ts';
import { healthRoutes } from './routes/health.ts';
import { registerOpenApi } from './openapi/register-openapi.ts';
import { jwksRoutes } from './routes/jwks.ts';
import { SIGIL_ERROR_TABLE, sigilOpaque500 } from './sigil-errors.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface BuildAppOptions {
  /** Told of every route as it is added (the route fuzzer derives its inputs from the schemas). */
  readonly onRoute?: (route: RouteOptions) => void;
}

/** Builds the HTTP application from services; listening is server.ts's job alone. */
export async function buildApp(services: Services, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config, core } = services;
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    // One line per request, written by the onResponse hook below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyChildLogger,
    trustProxy: config.trustProxy === false ? false : [...config.trustProxy],
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Path parameters carry hex public keys (130 characters for Duo); Fastify's default cap is 100.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
    // Malformed URLs and oversized parameters are refused before routing, in Sigil's envelope.
    frameworkErrors: (error, _request, reply) => {
      const status: 400 | 414 = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      void (reply as FastifyReply).code(status).send({ error: { code: 'invalid_request', message: 'The request URL is malformed or too long.' } });
    },
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(createValidatorCompiler());
  // Before any plugin or route: a route takes the error handler in force when it is added, and
  // the reference page (Swagger UI's plugin) and CORS's preflight route (`OPTIONS *`) come next;
  // their refusals (a NUL in the URL) must be rendered in Sigil's envelope too.
  installErrorHandler(app, SIGIL_ERROR_TABLE, sigilOpaque500);
  // Before any route exists: each route's metric labels are bound when it is registered.
  if (services.metrics) installHttpMetrics(app, services.metrics, services.dialects);
  await registerOpenApi(app, services.dialects);
  app.decorateRequest('tenant', null as unknown as FastifyRequest['tenant']);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  if (services.logger.isLevelEnabled('info')) {
    app.addHook('onResponse', (request, reply, done) => {
      request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request completed');
      done();
    });
  }


  // The options are built once; per request only the allowed origin varies. A request without
  // an Origin header (a native app, a server) needs no tenant lookup to be told no.
  const corsOptions = {
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', TENANT_HEADER, 'app-token', 'access-token', 'signup-token'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  };
  const corsRefused = { ...corsOptions, origin: false };
  await app.register(cors, {
    delegator: (req, callback) => {
      const origin = req.headers.origin;
      if (origin === undefined) {
        callback(null, corsRefused);
        return;
      }
      const header = req.headers[TENANT_HEADER];
      const url = req.url ?? '/';
      const tenant = url.startsWith('/admin/') || url.startsWith('/console') ? undefined : tenantForCors(core.tenants, url, typeof header === 'string' ? header : undefined);
      callback(null, tenant !== undefined && tenant.origins.includes(origin) ? { ...corsOptions, origin } : corsRefused);
    },
  });

  readJsonBodies(app);
  app.addHook('preValidation', rejectNul);
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 100)}` } });
  });

  const limiter = createRateLimiter(core.ephemeral, core.clock, {
    enabled: config.rateLimitEnabled,
    windowMs: config.rateLimitWindowSeconds * 1000,
    perIp: config.rateLimitPerIp,
    perAccount: config.rateLimitPerAccount,
  });

  await app.register(healthRoutes, { services });
  await app.register(demoRoutes, { tenants: core.tenants });
  // On PORT only when no separate METRICS_PORT listener serves it (server.ts).
  if (services.metrics && config.metricsPort === null) await app.register(metricsRoutes, { metrics: services.metrics, token: config.metricsToken });
  await app.register(async (admin) => {
    // Management keys decide their tenant; counters of unauthenticated calls go to the default one.
    admin.addHook('onRequest', (request, _reply, done) => {
      request.tenant = core.tenants.defaultTenant();
      done();
    });
    admin.addHook('onRequest', limiter.byIp);
    await admin.register(adminPlugin, { services });
  }, { prefix: '/admin/v1' });
  await app.register(async (consoleScope) => {
    // The console is same-origin only (no CORS); its sign-in counters go to the default tenant.
    consoleScope.addHook('onRequest', (request, _reply, done) => {
      request.tenant = core.tenants.defaultTenant();
      done();
    });
    consoleScope.addHook('onRequest', limiter.byIp);
    await consoleScope.register(consolePlugin, { services });
  }, { prefix: '/console' });

  // The public APIs, twice: for the default (or header-named) tenant, and under /t/<slug>.
  for (const prefix of ['', TENANT_PREFIX]) {
    await app.register(async (scope) => {
      scope.addHook('onRequest', (request, _reply, done) => {
        request.tenant = resolveTenant(core.tenants, request);
        done();
      });
      // Per IP and, where a route names an account, per account, in one store call; see rate-limit.ts.
      scope.addHook('onRequest', limiter.byIpOrLater);
      scope.addHook('preHandler', limiter.byIpAndAccount);
      scope.addHook('onResponse', limiter.byIpAfterEarlyRefusal);
      await scope.register(jwksRoutes, { services });
      // Every dialect is routed for every tenant; each answers only where the tenant enabled it.
      for (const dialect of services.dialects.values()) await scope.register((inner) => serveDialect(inner, dialect, services));
    }, { prefix });
  }
  return app;
}
