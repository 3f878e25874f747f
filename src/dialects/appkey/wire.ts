import type { FastifyInstance } from 'fastify';
import { appKeyInputError } from './errors.ts';

/** A request body as both SDKs send it, read into plain fields. */
export type AppKeyBody = Readonly<Record<string, unknown>>;

const MAX_FIELD = 4096;

/**
 * The Swift SDK posts `application/x-www-form-urlencoded`; within the AppKey routes such a body
 * reads as an object of its fields (the last of repeated fields wins; no nesting).
 */
export function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [name, value] of new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))) fields[name] = value;
    done(null, { ...fields });
  });
}

export function bodyOf(raw: unknown): AppKeyBody {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw appKeyInputError(602, 'the body is not an object');
  return raw as AppKeyBody;
}

/** A required text field: absent or empty is AppKey's 403 (missing parameter). */
export function requiredText(body: AppKeyBody, name: string): string {
  const value = body[name];
  if (value === undefined || value === null || value === '') throw appKeyInputError(403, `missing ${name}`);
  if (typeof value !== 'string' || value.length > MAX_FIELD) throw appKeyInputError(602, `${name} is not a string`);
  return value;
}

export function optionalText(body: AppKeyBody, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_FIELD) throw appKeyInputError(602, `${name} is not a string`);
  return value;
}

/**
 * The handle as the SDKs encode it: the JS SDK lower-cases it; the Swift SDK pre-encodes `+` as
 * `%2B` before form-encoding (so `%2B` arrives literally). Compared lower-cased and trimmed.
 */
export function handleOf(body: AppKeyBody): string {
  const handle = requiredText(body, 'handle').replace(/%2B/gi, '+').trim().toLowerCase();
  // Anonymous handles keep AppKey's upper-case prefix, whatever case a client sends.
  return handle.startsWith('anon_') ? `ANON_${handle.slice(5)}` : handle;
}

/**
 * The WebAuthn result of a completion call: the JS SDK sends `@simplewebauthn/browser`'s JSON
 * (plus `handle`), the Swift SDK `id` and `response` as a JSON string, without `rawId`/`type`.
 */
export function credentialOf(body: AppKeyBody): Record<string, unknown> {
  const id = requiredText(body, 'id');
  let response = body.response;
  if (response === undefined || response === null || response === '') throw appKeyInputError(403, 'missing response');
  if (typeof response === 'string') {
    try {
      response = JSON.parse(response) as unknown;
    } catch {
      throw appKeyInputError(602, 'response is not JSON');
    }
  }
  if (typeof response !== 'object' || response === null || Array.isArray(response)) throw appKeyInputError(602, 'response is not an object');
  const { handle: _handle, ...rest } = body;
  return { ...rest, id, type: body.type ?? 'public-key', response };
}
