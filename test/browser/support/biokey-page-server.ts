import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const FIXTURES = new URL('../fixtures/', import.meta.url);
/** The SDK versions kept under test/browser/fixtures (see its NOTICE). */
export const BIOKEY_SDK_VERSIONS = ['0.1.0', '0.1.1'] as const;
export type BioKeySdkVersion = (typeof BIOKEY_SDK_VERSIONS)[number];

const PAGE = '<!doctype html><meta charset="utf-8"><title>BioKey SDK test</title><script src="/biokey-page.js"></script>';

function filesServed(): Map<string, [type: string, body: string]> {
  const files = new Map<string, [string, string]>([
    ['/', ['text/html', PAGE]],
    ['/biokey-page.js', ['text/javascript', readFileSync(new URL('./biokey-page.js', import.meta.url), 'utf8')]],
  ]);
  // The SDK is an ES module without imports: its one file is all it needs.
  for (const version of BIOKEY_SDK_VERSIONS) {
    files.set(`/biokey-js-${version}/src/index.js`, ['text/javascript', readFileSync(new URL(`biokey-js-${version}/src/index.js`, FIXTURES), 'utf8')]);
  }
  return files;
}

export interface BioKeyPageServer {
  /** `http://localhost:<port>`: a secure context whose hostname is the SDK's RP ID. */
  readonly origin: string;
  close(): Promise<void>;
}

/** The web app's origin: the test page, its script and the SDK files, on a loopback port. */
export async function startBioKeyPageServer(): Promise<BioKeyPageServer> {
  const files = filesServed();
  const server: Server = createServer((req, res) => {
    const file = files.get(req.url ?? '');
    const [status, type, body] = file === undefined ? [404, 'text/plain', 'not found'] : [200, ...file];
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
