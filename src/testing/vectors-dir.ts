/**
 * Test helper: the directory of one set of independent test vectors, kept in the repository under
 * `test/vectors/<name>` (provenance and licences in `test/vectors/NOTICE.md`). Throws — never
 * skips — when the set is absent, so a missing data set cannot pass as a green run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function vectorsDir(name: string): string {
  const dir = fileURLToPath(new URL(`../../test/vectors/${name}`, import.meta.url));
  if (!existsSync(dir)) throw new Error(`test vector set "${name}" not found at ${dir}`);
  return dir;
}
