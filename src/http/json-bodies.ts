import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Requests whose JSON text showed it holds no U+0000 (see `readJsonBodies`). */
const nulFreeBodies = new WeakSet<FastifyRequest>();

/** The body's text had no `\u0000` escape, so its parsed values hold no U+0000 (reject-nul.ts). */
export const bodyTextHadNoNul = (request: FastifyRequest): boolean => nulFreeBodies.has(request);

export interface JsonBodyReading {
  /** An empty (or blank) body reads as absent instead of being refused (some mobile clients send one). */
  readonly emptyIsAbsent?: boolean;
  /** A body that does not parse reads as `null` instead of being refused (BioKey's reading). */
  readonly unparsableIsNull?: boolean;
}

/**
 * The `application/json` parser of a scope: Fastify's own (prototype and constructor poisoning
 * refused), with the readings a dialect asks for, noting each body whose text cannot hold U+0000.
 * JSON can spell that character only as the escape `\u0000` (a raw control character is not valid
 * JSON), so text without those six characters parses to values without it, and `rejectNul` need
 * not walk them. A body parsed any other way is walked.
 */
export function readJsonBodies(app: FastifyInstance, reading: JsonBodyReading = {}): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (reading.emptyIsAbsent === true && text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (!text.includes('\\u0000')) nulFreeBodies.add(request);
    if (reading.unparsableIsNull === true) parseJson(request, text, (error: Error | null, value?: unknown) => done(null, error ? null : value));
    else parseJson(request, text, done);
  });
}
