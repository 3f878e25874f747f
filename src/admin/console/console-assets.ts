import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Every file of `dir` (recursively) with a known type, by its path relative to `dir`. */
function readTree(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const type = TYPES[extname(entry.name)];
    if (!entry.isFile() || type === undefined) continue;
    const path = join(entry.parentPath, entry.name);
    assets.set(relative(dir, path).split('\\').join('/'), { type, body: readFileSync(path) });
  }
  return assets;
}

/**
 * The console's files, read once at start-up: its own plain modules (no build step) and the ES
 * modules of `@simplewebauthn/browser` from the installed package (no CDN). A request can only
 * name a file in these maps, so no path reaches the file system.
 */
export function loadConsoleAssets(): { own: Map<string, Asset>; webauthn: Map<string, Asset> } {
  const own = readTree(fileURLToPath(new URL('./public/', import.meta.url)));
  const webauthn = readTree(dirname(fileURLToPath(import.meta.resolve('@simplewebauthn/browser'))));
  return { own, webauthn };
}
