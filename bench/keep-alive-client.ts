import { Agent, request } from 'node:http';

export interface JsonReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The `name=value` pairs of the reply's Set-Cookie headers, as a Cookie header; null when none. */
  readonly cookie: string | null;
}

function cookieOf(setCookie: readonly string[] | undefined): string | null {
  if (setCookie === undefined || setCookie.length === 0) return null;
  return setCookie.map((c) => c.split(';', 1)[0]).join('; ');
}

/**
 * A lean JSON client: one keep-alive socket per worker (no per-request connection set-up),
 * `http.request` rather than `fetch` so the client's own cost stays small next to the server's.
 * A cookie is sent only when the caller passes one (a ceremony carries its options reply's cookie
 * to its result request, as a browser would for a server that keeps the challenge in a session).
 */
export function createKeepAliveClient(baseUrl: string, sockets: number) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const base = { host: hostname, port: Number(port), agent, method: 'POST' } as const;

  function post(path: string, body: string, cookie: string | null = null): Promise<JsonReply> {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (cookie !== null) headers.cookie = cookie;
    return new Promise((resolve, reject) => {
      const req = request({ ...base, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>, cookie: cookieOf(res.headers['set-cookie']) });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  return { post, close: () => agent.destroy() };
}

export type KeepAliveClient = ReturnType<typeof createKeepAliveClient>;
