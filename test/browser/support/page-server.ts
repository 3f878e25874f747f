import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const scriptOf = (name: string): string => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const PAGE = '<!doctype html><meta charset="utf-8"><title>Sigil browser test</title>'
  + '<input autocomplete="username webauthn" name="username"><script src="/client.js"></script>';

export interface PageServer {
  /** `http://localhost:<port>`: a secure context, and an origin whose RP ID can be `localhost`. */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The relying party's web page, on its own loopback port: a second origin, so the page reaches
 * Sigil cross-origin as a real web app would. It serves the page and its script (`script`, a
 * file beside this one, served as /client.js), nothing else.
 */
export async function startPageServer(script = 'client.js'): Promise<PageServer> {
  const CLIENT_SCRIPT = scriptOf(script);
  const server: Server = createServer((req, res) => {
    const [status, type, body] = req.url === '/' ? [200, 'text/html', PAGE] : req.url === '/client.js' ? [200, 'text/javascript', CLIENT_SCRIPT] : [404, 'text/plain', 'not found'];
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A loopback port that was free a moment ago (Sigil needs a known PORT so its PUBLIC_URL is known). */
export async function findFreePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
