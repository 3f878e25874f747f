import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { DialectRegistry } from '../../dialects/registry.ts';
import { dialectOfRoute } from '../route-dialects.ts';
import { createOpenApiTransform } from './openapi-transform.ts';
import { splitDocuments, type DocumentSpec, type OpenApiDocument } from './split-documents.ts';

/** A route as registered: what the documents must account for. */
export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  /** Left out of every document on purpose (`schema.hide`: the reference page, the demo, metrics). */
  readonly hidden: boolean;
}

export interface OpenApiCatalog {
  /** Every route registered after `registerOpenApi`, HEAD copies left out. */
  routes(): readonly RegisteredRoute[];
  /** The documents by name, built once every route exists. */
  documents(): ReadonlyMap<string, OpenApiDocument>;
}

declare module 'fastify' {
  interface FastifyInstance {
    openApi: OpenApiCatalog;
  }
}

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Swagger UI's own files only; it fetches nothing from elsewhere (`validatorUrl: null`). The one
 * hash is the one inline style Swagger UI 5 (in @fastify/swagger-ui 6.1.3) injects; the browser
 * test fails on any CSP violation, so an upgrade that changes it is seen at once.
 */
export const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** One document per registered dialect; the native one also holds the management API and Sigil's operational routes. */
export function documentSpecs(dialects: DialectRegistry): DocumentSpec[] {
  return [...dialects.keys()].map((name) =>
    name === 'native'
      ? {
          name,
          title: 'Sigil: native passkey API and management API',
          description: 'The FIDO2 server transport binding (`/attestation/*`, `/assertion/*`), the management API (`/admin/v1`, an API key as bearer) and the operational routes. See README.md.',
          tags: ['native', 'management', 'operations'],
        }
      : {
          name,
          title: `Sigil: the ${name} dialect`,
          description: `The ${name} vendor API as Sigil serves it (docs/dialects/${name}.md). It answers only for tenants that enabled it; elsewhere every path is a 404 in the dialect's envelope.`,
          tags: [name],
        });
}

/**
 * OpenAPI 3.1 documents generated from the route schemas (@fastify/swagger), served at
 * `/openapi/<name>.json`, and the reference page at `/docs` (Swagger UI from its package). Call
 * before any route is registered: the generator collects routes as they are added. The documents
 * are built on the first request, once every route exists, and kept.
 */
export async function registerOpenApi(app: FastifyInstance, dialects: DialectRegistry): Promise<void> {
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: { title: 'Sigil', version: VERSION } },
    transform: createOpenApiTransform(dialectOfRoute(dialects)),
  });
  const specs = documentSpecs(dialects);
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) if (method !== 'HEAD') routes.push({ method, url: route.url, hidden });
  });
  let documents: Map<string, OpenApiDocument> | null = null;
  const allDocuments = (): Map<string, OpenApiDocument> => (documents ??= splitDocuments(app.swagger() as unknown as OpenApiDocument, specs, VERSION));
  app.decorate('openApi', { routes: () => routes, documents: allDocuments });
  const documentNamed = (name: string): OpenApiDocument => {
    const document = allDocuments().get(name);
    if (document === undefined) throw new RangeError(`no OpenAPI document ${name}`);
    return document;
  };

  for (const { name } of specs) {
    app.get(`/openapi/${name}.json`, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff').send(documentNamed(name)));
  }
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: DOCS_CSP,
    uiConfig: { urls: specs.map(({ name }) => ({ url: `/openapi/${name}.json`, name })), validatorUrl: null, deepLinking: true },
    theme: { title: 'Sigil API reference' },
    // `/docs/json` is the native document, as `/openapi/native.json`.
    transformSpecificationClone: false,
    transformSpecification: () => documentNamed('native') as unknown as Record<string, unknown>,
  });
}
