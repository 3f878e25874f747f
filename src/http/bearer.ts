import type { FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.ts';

/**
 * The `Authorization` forms a dialect's clients send besides `Bearer <token>` (which every
 * dialect takes). LoginID's web SDK sends its JWT bare, and LoginID backends send their API key
 * raw or as `Basic base64("<key>:")`.
 */
export interface AuthorizationForms {
  /** The token alone, without a scheme; an empty header then counts as none (sent after sign-out). */
  readonly bare?: boolean;
  /** `Basic base64("<token>:")`: the token as the user name, the password empty or ignored. */
  readonly basic?: boolean;
}

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)$/i;
const BASIC = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})$/i;
const BARE = /^[A-Za-z0-9._~+/-]+=*$/;

/**
 * The token a request presents in `Authorization`, in one of `forms`; null without a header
 * (or, where bare tokens are taken, with an empty one). A header in any other form is
 * `unauthorized`, never read as something else.
 */
export function presentedToken(request: FastifyRequest, forms: AuthorizationForms = {}): string | null {
  const raw = request.headers.authorization;
  if (raw === undefined) return null;
  const header = raw.trim();
  if (header === '' && forms.bare === true) return null;
  const bearer = BEARER.exec(header)?.[1];
  if (bearer !== undefined) return bearer;
  const basic = forms.basic === true ? BASIC.exec(header)?.[1] : undefined;
  if (basic !== undefined) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    if (user !== '') return user;
  }
  if (forms.bare === true && BARE.test(header)) return header;
  throw new DomainError('unauthorized', { detail: 'no bearer token' });
}

/** The token of `Authorization: Bearer <token>` (or another of `forms`), or `unauthorized`. */
export function bearerTokenOf(request: FastifyRequest, forms: AuthorizationForms = {}): string {
  const token = presentedToken(request, forms);
  if (token === null) throw new DomainError('unauthorized', { detail: 'no bearer token' });
  return token;
}
