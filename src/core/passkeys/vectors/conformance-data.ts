import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/**
 * The shared conformance material lives beside the repository: `../shared/conformance` from the
 * repository root (/work/shared next to /work/main), found from this file's own location so the
 * working directory does not matter. A missing folder fails loudly: a vector suite that
 * silently runs nothing proves nothing.
 */
function conformanceRoot(): string {
  const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
  const root = resolve(repositoryRoot, '../shared/conformance');
  if (!existsSync(join(root, 'README.md'))) {
    throw new Error(`conformance vectors not found at ${root} (expected the shared folder next to the repository)`);
  }
  return root;
}

export function conformancePath(...parts: string[]): string {
  return join(conformanceRoot(), ...parts);
}

export function readConformanceJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(conformancePath(...parts), 'utf8')) as T;
}

export function readConformanceFile(...parts: string[]): Buffer {
  return readFileSync(conformancePath(...parts));
}
