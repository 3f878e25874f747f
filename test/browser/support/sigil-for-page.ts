import { randomUUID } from 'node:crypto';
import { startServer, type RunningServer } from '../../support/start-server.ts';
import { findFreePort } from './page-server.ts';

export const ADMIN_KEY = 'browser-e2e-admin-key-0123456789abcdefghij';

export interface SigilForPage {
  readonly server: RunningServer;
  /** `http://localhost:<port>`: what the page calls, and the PUBLIC_URL (token issuer). */
  readonly base: string;
  /** The loopback address the test itself calls. */
  readonly url: string;
  /** How many requests `METHOD path` the server has completed, counted from its request log. */
  requestsTo(method: string, path: string): Promise<number>;
  /** GET on the management API with the admin key. */
  admin(path: string): Promise<Record<string, unknown>>;
  stop(): Promise<number | null>;
}

/**
 * Starts the real server (`node src/http/server.ts`) for pages served from `origins`, with
 * `RP_ID=localhost` and a PORT picked beforehand so PUBLIC_URL — the tokens' issuer — is known.
 */
export async function startSigilForPage(origins: readonly string[], env: Record<string, string> = {}): Promise<SigilForPage> {
  const port = await findFreePort();
  const server = await startServer({ PORT: String(port), RP_ID: 'localhost', ORIGINS: origins.join(','), ADMIN_API_KEY: ADMIN_KEY, ...env });
  return {
    server,
    base: `http://localhost:${port}`,
    url: server.url,
    async requestsTo(method, path) {
      await flushRequestLog(server);
      return server.output().split('\n').filter((line) => line.includes('"msg":"request completed"') && line.includes(`"method":"${method}"`) && line.includes(`"url":"${path}"`)).length;
    },
    async admin(path) {
      const res = await fetch(`${server.url}/admin/v1${path}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
      return (await res.json()) as Record<string, unknown>;
    },
    stop: () => server.stop(),
  };
}

/** Logs reach the pipe asynchronously and in order: once a marker request is logged, every earlier one is too. */
async function flushRequestLog(server: RunningServer): Promise<void> {
  const marker = randomUUID();
  await (await fetch(`${server.url}/health`, { headers: { 'x-request-id': marker } })).arrayBuffer();
  for (let i = 0; i < 100 && !server.output().includes(`"reqId":"${marker}"`); i++) await new Promise((r) => setTimeout(r, 20));
  if (!server.output().includes(marker)) throw new Error('the marker request never reached the log');
}
