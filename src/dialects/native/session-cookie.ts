import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';

export const REGISTRATION_COOKIE = 'sigil_registration';
export const AUTHENTICATION_COOKIE = 'sigil_authentication';

function parseCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // a malformed value is no session at all
      }
    }
  }
  return undefined;
}

/**
 * The ceremony handle travels both ways clients use: in the body (`session`, for API and native
 * apps) and in an HttpOnly cookie (what the FIDO conformance tool and plain web pages send back).
 * The body wins when both are present.
 */
export function sessionOf(request: FastifyRequest, body: { session?: unknown }, cookie: string): string {
  const value = typeof body.session === 'string' ? body.session : parseCookie(request.headers.cookie, cookie);
  if (value === undefined || value === '') throw new DomainError('challenge_not_found', { detail: 'no ceremony session in body or cookie' });
  return value;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, cookie: string, session: string, maxAgeSeconds: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header('set-cookie', `${cookie}=${encodeURIComponent(session)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`);
}

export function clearSessionCookie(reply: FastifyReply, cookie: string): void {
  reply.header('set-cookie', `${cookie}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
}
