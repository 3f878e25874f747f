import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from '../../support/start-server.ts';

export const ADMIN_KEY = `reliability-admin-${randomBytes(16).toString('hex')}`;
export const RP_ID = 'example.com';
export const ORIGIN = 'https://app.example.com';

/**
 * `npm start` as an operator runs it, with every dialect served on the default tenant (the
 * `DIALECTS` setting of the per-tenant dialect work; harmless where it does not exist yet).
 */
export function startSigil(env: Record<string, string>, options: { dataDir?: string } = {}): Promise<RunningServer> {
  return startServer(
    {
      DIALECTS: 'native,biokey,swapbits,duo',
      MASTER_KEY: Buffer.alloc(32, 0x5a).toString('base64'),
      ADMIN_API_KEY: ADMIN_KEY,
      RP_ID,
      ORIGINS: ORIGIN,
      LOG_LEVEL: 'info',
      ...env,
    },
    options,
  );
}

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly retryAfter: string | null;
  readonly ms: number;
}

/** One JSON request; a connection failure is reported as status 0 rather than thrown. */
export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const started = Date.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, body: parsed, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
  } catch (error) {
    return { status: 0, body: { error: String(error) }, retryAfter: null, ms: Date.now() - started };
  }
}

/** Polls until `check` holds (or fails after `ms`). */
export async function eventually(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within ${ms} ms: ${what}`);
}
