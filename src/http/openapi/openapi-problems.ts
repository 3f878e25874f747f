import { Ajv2020 } from 'ajv/dist/2020.js';

type Json = Record<string, unknown>;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const PATH_ITEM_FIELDS = new Set([...METHODS, 'summary', 'description', 'servers', 'parameters', '$ref']);
const PARAMETER_PLACES = new Set(['query', 'header', 'path', 'cookie']);
const STATUS_KEY = /^([1-5]XX|[1-5]\d\d|default)$/;
const TEMPLATE = /\{([^{}]*)\}/g;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resolves a local JSON pointer (`#/components/schemas/x`), or undefined. */
function resolvePointer(document: Json, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function refProblems(document: Json, node: unknown, at: string, problems: string[]): void {
  if (Array.isArray(node)) node.forEach((v, i) => refProblems(document, v, `${at}/${i}`, problems));
  if (!isObject(node)) return;
  if (typeof node.$ref === 'string' && resolvePointer(document, node.$ref) === undefined) problems.push(`${at}: $ref ${node.$ref} does not resolve`);
  for (const [key, value] of Object.entries(node)) refProblems(document, value, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, problems);
}

function operationProblems(path: string, method: string, operation: unknown, declaredTags: Set<string>, schemas: Ajv2020, problems: string[]): void {
  const at = `${method.toUpperCase()} ${path}`;
  if (!isObject(operation)) return void problems.push(`${at}: not an object`);
  const responses = operation.responses;
  if (!isObject(responses) || Object.keys(responses).length === 0) problems.push(`${at}: no responses`);
  else for (const [status, response] of Object.entries(responses)) {
    if (!STATUS_KEY.test(status)) problems.push(`${at}: response key ${status} is not a status`);
    if (!isObject(response) || (typeof response.description !== 'string' && typeof response.$ref !== 'string')) problems.push(`${at}: response ${status} has no description`);
  }
  for (const tag of (operation.tags as unknown[] | undefined) ?? []) if (typeof tag !== 'string' || !declaredTags.has(tag)) problems.push(`${at}: tag ${String(tag)} is not declared`);
  const parameters = (operation.parameters as unknown[] | undefined) ?? [];
  const inPath = new Set<string>();
  for (const p of parameters) {
    if (!isObject(p) || typeof p.name !== 'string' || !PARAMETER_PLACES.has(String(p.in))) {
      problems.push(`${at}: malformed parameter ${JSON.stringify(p)}`);
      continue;
    }
    if (p.in === 'path') {
      inPath.add(p.name);
      if (p.required !== true) problems.push(`${at}: path parameter ${p.name} is not required`);
    }
    if (isObject(p.schema)) compileProblem(schemas, p.schema, `${at} parameter ${p.name}`, problems);
  }
  const templated = [...path.matchAll(TEMPLATE)].map((m) => m[1] ?? '');
  for (const name of templated) if (!inPath.has(name)) problems.push(`${at}: {${name}} has no path parameter`);
  for (const name of inPath) if (!templated.includes(name)) problems.push(`${at}: path parameter ${name} is not in the path`);
  if (operation.requestBody !== undefined) {
    const content = isObject(operation.requestBody) ? operation.requestBody.content : undefined;
    if (!isObject(content) || Object.keys(content).length === 0) problems.push(`${at}: requestBody without content`);
    else for (const [type, media] of Object.entries(content)) if (isObject(media) && isObject(media.schema)) compileProblem(schemas, media.schema, `${at} body ${type}`, problems);
  }
}

function compileProblem(schemas: Ajv2020, schema: Json, at: string, problems: string[]): void {
  if (typeof schema.$ref === 'string') return;
  try {
    schemas.compile(schema);
  } catch (error) {
    problems.push(`${at}: not a JSON Schema 2020-12 schema (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * What makes `document` an invalid OpenAPI 3.1 document, as sentences (empty: none found). A
 * structural check of the specification's required fields and rules — not every rule of it:
 * version, info, paths and their templates, operations, parameters, responses, tags, servers,
 * local `$ref`s, and every schema compiled as JSON Schema 2020-12.
 */
export function openApiProblems(document: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(document)) return ['not an object'];
  if (typeof document.openapi !== 'string' || !/^3\.1\.\d+$/.test(document.openapi)) problems.push(`openapi is ${JSON.stringify(document.openapi)}, not 3.1.x`);
  const info = document.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') problems.push('info needs a title and a version');
  for (const server of (document.servers as unknown[] | undefined) ?? []) {
    const url = isObject(server) ? server.url : undefined;
    if (typeof url !== 'string') problems.push('a server has no url');
    else for (const [, name] of url.matchAll(TEMPLATE)) {
      const variable = isObject(server) && isObject(server.variables) ? server.variables[name ?? ''] : undefined;
      if (!isObject(variable) || typeof variable.default !== 'string') problems.push(`server ${url}: variable ${name} has no default`);
    }
  }
  const declaredTags = new Set(((document.tags as unknown[] | undefined) ?? []).map((t) => (isObject(t) ? String(t.name) : '')));
  if (!isObject(document.paths)) return [...problems, 'paths is not an object'];
  const schemas = new Ajv2020({ strict: false, validateFormats: false });
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
    for (const [, name] of path.matchAll(TEMPLATE)) if (!/^[A-Za-z0-9_.-]+$/.test(name ?? '')) problems.push(`path ${path}: {${name}} is not a valid template name`);
    if (!isObject(item)) continue;
    for (const [key, value] of Object.entries(item)) {
      if (!PATH_ITEM_FIELDS.has(key) && !key.startsWith('x-')) problems.push(`path ${path}: unknown field ${key}`);
      if (METHODS.has(key)) operationProblems(path, key, value, declaredTags, schemas, problems);
    }
  }
  refProblems(document, document, '#', problems);
  return problems;
}
