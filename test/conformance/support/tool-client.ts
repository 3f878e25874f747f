import type { FastifyInstance } from 'fastify';

/** One answer of the four endpoints. */
export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * Talks to the native API the way the FIDO conformance tool does: POST JSON, keep the cookies
 * the server sets and send them back, never put `session` in a body.
 */
export class ToolClient {
  readonly #app: FastifyInstance;
  readonly #cookies = new Map<string, string>();

  constructor(app: FastifyInstance) {
    this.#app = app;
  }

  async post(url: string, body: unknown): Promise<Reply> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await this.#app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) } });
    for (const line of [res.headers['set-cookie'] ?? []].flat()) this.#remember(line);
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  }

  #remember(line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    if (attributes.some((a) => a.trim().toLowerCase() === 'max-age=0')) this.#cookies.delete(name);
    else this.#cookies.set(name, pair.slice(eq + 1).trim());
  }
}

/**
 * A browser-style credential JSON in the shape the tool sends: no `rawId`, no `transports`,
 * and client extension outputs under `getClientExtensionResults`.
 */
export function asToolCredential(credential: { id: string; type: string; response: object }): Record<string, unknown> {
  const { transports: _transports, ...response } = credential.response as Record<string, unknown>;
  return { id: credential.id, type: credential.type, response, getClientExtensionResults: {} };
}
