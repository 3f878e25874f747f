/**
 * Test helper: the directory of one conformance set under the shared folder that sits beside the
 * repository (`<repo>/../shared/conformance/<name>`, in a developer's checkout and in CI alike).
 * Searches upwards from this file so the repository may be cloned anywhere, and throws — never
 * skips — when the set is absent, so a missing data set cannot pass as a green run.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function sharedConformanceDir(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'conformance', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`conformance set "${name}" not found in shared/conformance beside any parent of ${fileURLToPath(import.meta.url)}`);
    }
    dir = parent;
  }
}
