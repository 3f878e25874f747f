import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { DomainError } from '../core/errors.ts';
import { bodyTextHadNoNul } from './json-bodies.ts';

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

/**
 * No text Sigil accepts has a use for U+0000, and PostgreSQL refuses it in text columns: a NUL
 * anywhere in the body, query or path is a bad request, answered in the API's own envelope
 * before any route sees it.
 */
export function rejectNul(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if ((!bodyTextHadNoNul(request) && containsNul(request.body, 0)) || containsNul(request.query, 0) || containsNul(request.params, 0)) {
    done(new DomainError('invalid_request', { detail: 'U+0000 in the request' }));
    return;
  }
  done();
}
