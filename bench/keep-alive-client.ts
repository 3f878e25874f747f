import { Agent, request } from 'node:http';

export interface JsonReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * A lean JSON client: one keep-alive socket per worker (no per-request connection set-up),
 * `http.request` rather than `fetch` so the client's own cost stays small next to the server's.
 */
export function createKeepAliveClient(baseUrl: string, sockets: number) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const base = { host: hostname, port: Number(port), agent, method: 'POST' } as const;

  function post(path: string, body: string): Promise<JsonReply> {
    return new Promise((resolve, reject) => {
      const req = request({ ...base, path, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
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
