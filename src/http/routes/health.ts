import type { FastifyInstance } from 'fastify';
import { enabledDialects } from '../../core/tenant-dialects.ts';
import { isDomainError } from '../../core/errors.ts';
import type { Services } from '../../services.ts';

const CHECK_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<void>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return null;
  } catch (error) {
    // A store reports its failure as a DomainError; the log wants its detail (never sent).
    if (isDomainError(error)) return error.detail ?? error.code;
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness (the process answers) and readiness (its stores answer). Not rate limited. */
export async function healthRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const exempt = { rateLimit: { exempt: true } };

  app.get('/health', { config: exempt }, async () => ({ status: 'ok' }));

  app.get('/ready', { config: exempt }, async (request, reply) => {
    const results = await Promise.all(services.readiness.map(async (r) => [r.name, await probe(() => r.check())] as const));
    const failing = results.filter(([, problem]) => problem !== null).map(([name]) => name);
    const checks = Object.fromEntries(results.map(([name, problem]) => [name, problem === null ? 'ok' : 'unavailable']));
    for (const [name, problem] of results) if (problem !== null) request.log.warn({ dependency: name, problem }, 'readiness check failed');
    // What each tenant serves, by slug: an operator sees at once which APIs are open where.
    const dialects = Object.fromEntries(services.core.tenants.all().map((t) => [t.slug, enabledDialects(t.dialects)]));
    const body = { status: failing.length === 0 ? 'ready' : 'unavailable', checks, failing, dialects, warnings: services.warnings };
    return reply.code(failing.length === 0 ? 200 : 503).send(body);
  });
}
