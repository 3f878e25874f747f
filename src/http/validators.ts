import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; under ESM its function may sit on `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/**
 * Request validation. Bodies are JSON and are checked as sent — `{"username": 42}` is a wrong
 * type, not the string "42" (Fastify's default coerces). Query strings and path parameters are
 * text on the wire, so only they are coerced to the declared scalar types.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const base: Options = { useDefaults: true, removeAdditional: false, allErrors: false };
  const strict = addFormats(new Ajv({ ...base, coerceTypes: false }));
  const lenient = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : lenient).compile(schema as object);
}
