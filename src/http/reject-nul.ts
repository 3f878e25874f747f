import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { DomainError } from '../core/errors.ts';

const MAX_DEPTH = 64;

function containsNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  // A loop over own keys rather than Object.entries: this runs on every request's body.
  for (const key of Object.keys(value)) {
    if (key.includes('\u0000') || containsNul((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** JSON bodies whose text showed they hold no U+0000 (see `parseJsonNotingNul`): not walked again. */
const nulFreeBodies = new WeakSet<FastifyRequest>();

/**
 * The root JSON body parser: Fastify's own (prototype and constructor poisoning refused), which
 * also notes a body whose text cannot hold U+0000. JSON can spell that character only as the
 * escape `\u0000` (a raw control character is not valid JSON), so text without those six
 * characters parses to values without it, and `rejectNul` need not walk them. A dialect that
 * installs a parser of its own in its scope notes nothing: its bodies are walked.
 */
export function parseJsonNotingNul(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // parseAs 'string' hands the text over as a string.
    const text = body as string;
    if (!text.includes('\\u0000')) nulFreeBodies.add(request);
    parseJson(request, text, done);
  });
}

/**
 * No text Sigil accepts has a use for U+0000, and PostgreSQL refuses it in text columns: a NUL
 * anywhere in the body, query or path is a bad request, answered in the API's own envelope
 * before any route sees it.
 */
export function rejectNul(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if ((!nulFreeBodies.has(request) && containsNul(request.body, 0)) || containsNul(request.query, 0) || containsNul(request.params, 0)) {
    done(new DomainError('invalid_request', { detail: 'U+0000 in the request' }));
    return;
  }
  done();
}
