import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The console session cookie: HttpOnly (scripts never see it), SameSite=Strict (no other site
 * can make the browser send it), Path=/ (the console and /admin/v1), and over https Secure with
 * the `__Host-` prefix, which also forbids a Domain attribute.
 */
export function consoleCookieName(publicUrl: string): string {
  return isHttps(publicUrl) ? '__Host-sigil_console' : 'sigil_console';
}

export function setConsoleCookie(reply: FastifyReply, publicUrl: string, token: string): void {
  reply.header('set-cookie', `${consoleCookieName(publicUrl)}=${token}; Path=/; HttpOnly; SameSite=Strict${isHttps(publicUrl) ? '; Secure' : ''}`);
}

export function clearConsoleCookie(reply: FastifyReply, publicUrl: string): void {
  reply.header('set-cookie', `${consoleCookieName(publicUrl)}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${isHttps(publicUrl) ? '; Secure' : ''}`);
}

/** The session token the request's Cookie header carries, if any. */
export function consoleCookieOf(request: FastifyRequest, publicUrl: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  const name = consoleCookieName(publicUrl);
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

const isHttps = (publicUrl: string): boolean => publicUrl.startsWith('https:');
