import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, it } from 'node:test';
import type { Dialect } from '../../dialects/dialect.ts';
import { DIALECTS } from '../../dialects/registry.ts';
import { createTestServices, type TestServices } from '../../testing/test-services.ts';
import { buildApp } from '../app.ts';
import { dialectOfRoute, isTenantPrefixed } from '../route-dialects.ts';
import { openApiProblems } from './openapi-problems.ts';

/** Routes kept out of the documents on purpose: the reference page itself, the documents, the demo page, metrics, CORS preflight. */
const UNDOCUMENTED = /^\/(docs|openapi|demo|metrics)(\/|$)/;
const undocumented = (route: { method: string; url: string }): boolean => UNDOCUMENTED.test(route.url) || (route.method === 'OPTIONS' && route.url === '*');

/** How a registered path reads in OpenAPI: `:id` → `{id}`, Fastify's `*` → `{path}`. */
const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{path}');

/**
 * A dialect the documents have never seen, put in the registry in place of AppKey's entry: it
 * must get a document of its own with no other edit.
 */
const comingDialect: Dialect = {
  name: 'appkey',
  routes: ['POST /appkey-probe/ping', 'GET /appkey-probe/items/:itemId'],
  plugin: async (app) => {
    app.post('/appkey-probe/ping', async () => ({ pong: true }));
    app.get('/appkey-probe/items/:itemId', async () => ({}));
  },
  settings: { read: () => ({}), fromConfig: () => ({}) },
};

describe('OpenAPI documents, one per registered dialect, the native one with the management API', () => {
  let s: TestServices;
  let app: FastifyInstance;
  before(async () => {
    s = await createTestServices({ env: { DIALECTS: 'native,biokey,swapbits,duo', METRICS_TOKEN: 'metrics-token-0123456789abcdefghijklmnop' } });
    app = await buildApp({ ...s, dialects: new Map([...s.dialects, ['appkey', comingDialect]]) });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await s.dispose();
  });

  it('serves /openapi/<name>.json for every dialect of the registry, and nothing for an unknown name', async () => {
    const names = DIALECTS.map((d) => d.name);
    for (const name of names) {
      const res = await app.inject(`/openapi/${name}.json`);
      assert.equal(res.statusCode, 200, name);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.deepEqual(res.json(), app.openApi.documents().get(name));
    }
    assert.deepEqual([...app.openApi.documents().keys()], names);
    assert.equal((await app.inject('/openapi/nothing.json')).statusCode, 404);
  });

  it('puts every registered route in exactly the document of its dialect (Sigil\'s own in native), once', () => {
    const dialectOf = dialectOfRoute(new Map([...s.dialects, ['appkey', comingDialect]]));
    const documents = app.openApi.documents();
    const routes = app.openApi.routes();
    assert.ok(routes.length > 60, `${routes.length} routes`);
    for (const route of routes) {
      const where = [...documents].filter(([, d]) => d.paths[openApiPath(route.url)]?.[route.method.toLowerCase()] !== undefined).map(([name]) => name);
      if (isTenantPrefixed(route.url) || undocumented(route)) {
        assert.deepEqual(where, [], `${route.method} ${route.url} is not documented`);
        if (undocumented(route)) assert.equal(route.hidden, true, `${route.method} ${route.url}`);
        continue;
      }
      assert.equal(route.hidden, false, `${route.method} ${route.url}`);
      assert.deepEqual(where, [dialectOf.get(`${route.method} ${route.url}`) ?? 'native'], `${route.method} ${route.url}`);
    }
    // And the other way: each document holds only registered routes.
    const registered = new Set(routes.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.url)}`));
    for (const [name, document] of documents) {
      for (const [path, item] of Object.entries(document.paths)) for (const method of Object.keys(item).filter((k) => k !== 'servers')) assert.ok(registered.has(`${method} ${path}`), `${name}: ${method} ${path}`);
    }
  });

  it('validates every document as OpenAPI 3.1: required fields, templates and path parameters, responses, tags, $refs, schemas', () => {
    for (const [name, document] of app.openApi.documents()) assert.deepEqual(openApiProblems(document), [], name);
    const native = app.openApi.documents().get('native');
    assert.equal(native?.openapi, '3.1.0');
    assert.deepEqual(Object.keys(native?.paths['/assertion/options'] ?? {}), ['post']);
    assert.equal((native?.paths['/assertion/options']?.post as { summary: string }).summary, 'Start a passkey login: request options and a ceremony session');
    assert.deepEqual(app.openApi.documents().get('appkey')?.paths['/appkey-probe/items/{itemId}']?.get, {
      summary: 'GET /appkey-probe/items/{itemId}',
      tags: ['appkey'],
      parameters: [{ schema: { type: 'string' }, in: 'path', name: 'itemId', required: true }],
      responses: { 200: { description: 'Default Response' } },
    });
    // Fastify's wildcard becomes a named template, with its parameter renamed to match.
    const challenge = app.openApi.documents().get('duo')?.paths['/auth/devices/challenge/{path}']?.get as { parameters: { name: string; in: string }[] } | undefined;
    assert.deepEqual(challenge?.parameters.map((p) => [p.in, p.name]), [['path', 'path']]);
  });

  it('finds what is wrong in a broken document, so the check above can fail', () => {
    const broken = {
      openapi: '3.0.3',
      info: { title: 'x' },
      servers: [{ url: '/t/{tenant}' }],
      tags: [{ name: 'a' }],
      paths: {
        'users/{id}': { get: { tags: ['b'], parameters: [{ name: 'uid', in: 'path', required: true, schema: { type: 'strin' } }], responses: { ok: { description: 'fine' } } } },
        '/x': { post: { requestBody: { content: {} }, responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Missing' } } } } } } },
      },
    };
    assert.deepEqual(openApiProblems(broken), [
      'openapi is "3.0.3", not 3.1.x',
      'info needs a title and a version',
      'server /t/{tenant}: variable tenant has no default',
      'path users/{id} does not start with /',
      'GET users/{id}: response key ok is not a status',
      'GET users/{id}: tag b is not declared',
      'GET users/{id} parameter uid: not a JSON Schema 2020-12 schema (schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf)',
      'GET users/{id}: {id} has no path parameter',
      'GET users/{id}: path parameter uid is not in the path',
      'POST /x: response 200 has no description',
      'POST /x: requestBody without content',
      '#/paths/~1x/post/responses/200/content/application~1json/schema: $ref #/components/schemas/Missing does not resolve',
    ]);
  });

  it('serves the reference page and its assets from the package under a CSP that allows nothing from elsewhere', async () => {
    const page = await app.inject('/docs');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-security-policy']), /^default-src 'none'; script-src 'self'; style-src 'self' 'sha256-[A-Za-z0-9+/=]+'; img-src 'self' data:;/);
    for (const asset of page.body.matchAll(/(?:src|href)="([^"]+)"/g)) assert.match(asset[1] ?? '', /^\/docs\/static\//);
    const initializer = await app.inject('/docs/static/swagger-initializer.js');
    assert.match(initializer.body, /"url":"\/openapi\/native\.json","name":"native"/);
    assert.match(initializer.body, /"validatorUrl":null/);
    assert.deepEqual((await app.inject('/docs/json')).json(), app.openApi.documents().get('native'));
  });
});
