/** The parts of an OpenAPI document this module reads and writes. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: unknown[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
  [extension: string]: unknown;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

const TENANT_SERVERS = [
  { url: '/', description: 'The default tenant, or the one named by the X-Sigil-Tenant header' },
  { url: '/t/{tenant}', description: 'Any tenant, by slug', variables: { tenant: { default: 'default', description: 'The tenant slug' } } },
];
const TAG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  native: 'Passkeys: the FIDO2 server transport binding, `{status, errorMessage}` envelope',
  management: "The management API: an API key as bearer, whose scopes decide what it may do and whose tenant it acts on; Sigil's `{error: {code, message}}` envelope",
  operations: 'Liveness, readiness and the public signing keys',
};
const ROOT_ONLY = [{ url: '/', description: 'The management API is not per-path: the API key decides the tenant' }];

/** Fastify's `*` (the rest of the path) is not a valid template name in OpenAPI; it is named `path`. */
const WILDCARD = 'path';

function renameWildcard(operations: Record<string, unknown>): Record<string, unknown> {
  const renamed: Record<string, unknown> = {};
  for (const [method, operation] of Object.entries(operations)) {
    const parameters = (operation as { parameters?: { name: string; in: string }[] }).parameters;
    renamed[method] = parameters === undefined ? operation : { ...(operation as object), parameters: parameters.map((p) => (p.in === 'path' && p.name === '*' ? { ...p, name: WILDCARD } : p)) };
  }
  return renamed;
}

export interface DocumentSpec {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Operation tags this document holds (the first tag of an operation decides). */
  readonly tags: readonly string[];
}

/**
 * Splits the whole document @fastify/swagger generated into one document per spec, each
 * operation going where its first tag is listed. Components are shared (every document carries
 * them all), so every `$ref` resolves in every document.
 */
export function splitDocuments(whole: OpenApiDocument, specs: readonly DocumentSpec[], version: string): Map<string, OpenApiDocument> {
  const documents = new Map<string, OpenApiDocument>();
  for (const spec of specs) {
    const paths: OpenApiDocument['paths'] = {};
    for (const [path, item] of Object.entries(whole.paths)) {
      const kept: Record<string, unknown> = {};
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        const tag = (operation as { tags?: string[] }).tags?.[0];
        if (tag !== undefined && spec.tags.includes(tag)) kept[method] = operation;
      }
      if (Object.keys(kept).length === 0) continue;
      paths[path.replace('{*}', `{${WILDCARD}}`)] = path.startsWith('/admin/') ? { servers: ROOT_ONLY, ...kept } : renameWildcard(kept);
    }
    documents.set(spec.name, {
      openapi: whole.openapi,
      info: { title: spec.title, version, description: spec.description },
      servers: TENANT_SERVERS,
      tags: spec.tags.map((name) => (TAG_DESCRIPTIONS[name] === undefined ? { name } : { name, description: TAG_DESCRIPTIONS[name] })),
      paths,
      components: whole.components ?? {},
    });
  }
  return documents;
}
