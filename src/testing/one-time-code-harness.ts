import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { testServiceSettings } from '../config/test-services.ts';
import type { AuditEvent } from '../core/audit-event.ts';
import type { RequestContext } from '../core/deps.ts';
import type { Logger } from '../core/ports.ts';
import type { Tenant } from '../core/tenant.ts';
import { deleteRedisKeys } from './delete-redis-keys.ts';
import { createTestServices, type TestServices } from './test-services.ts';

/** A logger that keeps what it is told, so tests can prove a secret never reached it. */
export interface RecordingLogger extends Logger {
  readonly lines: { level: string; fields: Record<string, unknown>; message: string }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface CodeHarness {
  readonly services: TestServices;
  readonly tenant: Tenant;
  readonly logger: RecordingLogger;
  /** A request context from the client `ip` (default 203.0.113.7). */
  ctx(ip?: string | null): RequestContext;
  /** The tenant's audit events, oldest first. */
  audits(action?: string): Promise<AuditEvent[]>;
}

/**
 * Runs `body` once per ephemeral backend: memory, and Redis when TEST_REDIS_URL is set (a
 * visible skip otherwise, a failure with TEST_REQUIRE_SERVICES=1). Each call of `open` composes
 * fresh services on SQLite with a frozen clock; they are disposed after the test.
 */
export function forEachEphemeralBackend(
  title: string,
  body: (open: (options?: { env?: Record<string, string> }) => Promise<CodeHarness>) => void,
): void {
  const { redisUrl, required } = testServiceSettings();
  const backends: [string, Record<string, string> | null][] = [['memory', {}]];
  const prefix = `sigil-test:${randomUUID()}:`;
  backends.push(['redis', redisUrl === null ? null : { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix }]);
  for (const [backend, env] of backends) {
    if (env === null) {
      if (required) it(`${title} (${backend}) has a server to run against`, () => assert.fail('TEST_REQUIRE_SERVICES=1 but TEST_REDIS_URL is not set'));
      else describe(`${title} (${backend})`, { skip: 'TEST_REDIS_URL not set' }, () => {});
      continue;
    }
    describe(`${title} (${backend})`, () => {
      const opened: TestServices[] = [];
      after(async () => {
        for (const s of opened) await s.dispose();
        if (backend === 'redis' && redisUrl !== null) await deleteRedisKeys(redisUrl, prefix);
      });
      body(async (options = {}) => {
        const services = await createTestServices({ env: { RATE_LIMIT_ENABLED: 'false', ...env, ...options.env } });
        opened.push(services);
        const tenant = services.core.tenants.defaultTenant();
        const logger = recordingLogger();
        return {
          services,
          tenant,
          logger,
          ctx: (ip = '203.0.113.7') => ({ requestId: 'req-1', ip, actor: 'anonymous', logger }),
          async audits(action) {
            const events = await services.core.storage.audit.list(tenant.id, { limit: 1000 });
            return events.reverse().filter((e) => action === undefined || e.action === action);
          },
        };
      });
    });
  }
}
