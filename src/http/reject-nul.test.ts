import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { readJsonLeniently } from '../dialects/biokey/read-json-leniently.ts';
import { acceptEmptyJsonBodies } from './accept-empty-json.ts';
import { readJsonBodies } from './json-bodies.ts';
import { rejectNul } from './reject-nul.ts';

/** A root scope with the noting parser, and a child scope with a JSON parser of its own. */
async function appWithParsers() {
  const app = Fastify();
  readJsonBodies(app);
  app.addHook('preValidation', rejectNul);
  app.setErrorHandler((error: Error & { code?: string }, _request, reply) => void reply.code(400).send({ refused: error.code ?? error.message }));
  app.post('/root', async (request) => ({ body: request.body }));
  // The dialects' own readings (Duo and AppKey: empty is absent; BioKey: unparsable is null).
  await app.register(async (scope) => {
    acceptEmptyJsonBodies(scope);
    scope.post('/empty-is-absent', async (request) => ({ body: request.body ?? 'absent' }));
  });
  await app.register(async (scope) => {
    readJsonLeniently(scope);
    scope.post('/lenient', async (request) => ({ body: request.body }));
  });
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, JSON.parse(body as string)));
    scope.post('/own-parser', async (request) => ({ body: request.body }));
  });
  return app;
}

const post = (app: Awaited<ReturnType<typeof appWithParsers>>, url: string, payload: string) => app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });

describe('rejectNul with the noting JSON parser', () => {
  it('refuses U+0000 spelled as \\u0000 in a value or a key, under the root parser, the dialects\' readings and a parser that notes nothing', async () => {
    const app = await appWithParsers();
    for (const url of ['/root', '/empty-is-absent', '/lenient', '/own-parser']) {
      for (const payload of ['{"a":"x\\u0000"}', '{"x\\u0000":1}', '{"a":[{"b":"\\u0000"}]}']) {
        const reply = await post(app, url, payload);
        assert.deepEqual([reply.statusCode, reply.json()], [400, { refused: 'invalid_request' }], `${url} ${payload}`);
      }
    }
  });

  it('reads a backslash before u0000 as text, and keeps refusing prototype poisoning', async () => {
    const app = await appWithParsers();
    const spelled = await post(app, '/root', '{"a":"x\\\\u0000"}');
    assert.deepEqual([spelled.statusCode, spelled.json()], [200, { body: { a: 'x\\u0000' } }]);
    assert.deepEqual((await post(app, '/empty-is-absent', '')).json(), { body: 'absent' });
    assert.deepEqual((await post(app, '/lenient', '{"a":')).json(), { body: null });
    const poisoned = await post(app, '/root', '{"__proto__":{"x":1}}');
    assert.deepEqual([poisoned.statusCode, poisoned.json()], [400, { refused: 'FST_ERR_CTP_INVALID_JSON_BODY' }]);
  });
});
