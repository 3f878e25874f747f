import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TenantDirectory } from '../core/tenant-directory.ts';

/** The page talks to its own origin only, and runs only the scripts served here. */
export const DEMO_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STATIC = new URL('./static/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, STATIC), 'utf8');

/** Every ES module of @simplewebauthn/browser's `esm` build, by path: what the page may import, read once. */
function simpleWebAuthnModules(): ReadonlyMap<string, string> {
  const entry = createRequire(import.meta.url).resolve('@simplewebauthn/browser');
  const esm = join(dirname(entry), '..', 'esm');
  const modules = new Map<string, string>();
  for (const file of readdirSync(esm, { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.js')) modules.set(relative(esm, join(esm, file)).split(sep).join('/'), readFileSync(join(esm, file), 'utf8'));
  }
  return modules;
}

const HEADERS = {
  'content-security-policy': DEMO_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const NOT_AN_ORIGIN = `<!doctype html><meta charset="utf-8"><title>Sigil passkey demo</title>
<h1>Sigil passkey demo</h1>
<p>This page is served from an origin that is not among the default tenant's origins, so a passkey
made here would be refused. Open it from one of the configured <code>ORIGINS</code> (by default
<code>http://localhost:8080/demo</code>), or add this origin to <code>ORIGINS</code>.</p>`;

/**
 * `/demo`: a page that registers and logs in with a passkey through the native API for the
 * default tenant and shows the decoded access token. Static and read-only; it works only where
 * WebAuthn would accept it, on one of the default tenant's origins, and says so elsewhere.
 */
export async function demoRoutes(app: FastifyInstance, opts: { tenants: TenantDirectory }): Promise<void> {
  const page = read('index.html');
  const script = read('demo.js');
  const style = read('demo.css');
  const vendor = simpleWebAuthnModules();
  const hidden = { schema: { hide: true }, config: { rateLimit: { exempt: true } } };
  const send = (reply: FastifyReply, type: string, body: string) => reply.headers(HEADERS).type(type).send(body);

  app.get('/demo', hidden, async (request: FastifyRequest, reply) => {
    const origin = `${request.protocol}://${request.host}`;
    if (!opts.tenants.defaultTenant().origins.includes(origin)) return send(reply.code(403), 'text/html; charset=utf-8', NOT_AN_ORIGIN);
    return send(reply, 'text/html; charset=utf-8', page);
  });
  app.get('/demo/demo.js', hidden, async (_request, reply) => send(reply, 'text/javascript; charset=utf-8', script));
  app.get('/demo/demo.css', hidden, async (_request, reply) => send(reply, 'text/css; charset=utf-8', style));
  app.get<{ Params: { '*': string } }>('/demo/vendor/simplewebauthn/*', hidden, async (request, reply) => {
    const module = vendor.get(request.params['*']);
    if (module === undefined) return reply.code(404).send({ error: { code: 'not_found', message: 'No such file.' } });
    return send(reply, 'text/javascript; charset=utf-8', module);
  });
}
