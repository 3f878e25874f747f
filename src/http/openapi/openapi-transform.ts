import type { RouteOptions } from 'fastify';
import { isTenantPrefixed } from '../route-dialects.ts';
import { ownTagOf, ROUTE_SUMMARIES } from './route-summaries.ts';

type Schema = Record<string, unknown>;

/** What @fastify/swagger gives its `transform` option, and what it takes back. */
export interface TransformInput {
  readonly schema?: unknown;
  readonly url: string;
  readonly route: RouteOptions;
}

const COLON_PARAM = /:([A-Za-z0-9_]+)/g;

/**
 * Gives every documented operation a tag naming the document it belongs to (its dialect's name,
 * or `management` / `operations` for Sigil's own routes, which go in the native document) and a
 * summary. The copies registered under `/t/:tenant` are hidden: each document names that prefix
 * once, as a server.
 */
export function createOpenApiTransform(dialectOf: ReadonlyMap<string, string>) {
  return ({ schema, url, route }: TransformInput): { schema: Schema; url: string } => {
    const given = (schema ?? {}) as Schema;
    if (isTenantPrefixed(url) || given.hide === true) return { schema: { ...given, hide: true }, url };
    const method = Array.isArray(route.method) ? String(route.method[0]) : String(route.method);
    const dialect = dialectOf.get(`${method} ${url}`);
    const openApiPath = url.replace(COLON_PARAM, '{$1}');
    const summary = typeof given.summary === 'string' ? given.summary : ROUTE_SUMMARIES[`${method} ${openApiPath}`] ?? `${method} ${openApiPath}`;
    const tags = Array.isArray(given.tags) ? given.tags : [dialect ?? ownTagOf(url)];
    return { schema: { ...given, summary, tags }, url };
  };
}
