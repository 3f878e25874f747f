import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vectorsDir } from '../../../testing/vectors-dir.ts';

/** A file of the independent vectors in `test/vectors/` (a missing set fails loudly). */
export function conformancePath(set: string, ...parts: string[]): string {
  return join(vectorsDir(set), ...parts);
}

export function readConformanceJson<T>(set: string, ...parts: string[]): T {
  return JSON.parse(readFileSync(conformancePath(set, ...parts), 'utf8')) as T;
}

export function readConformanceFile(set: string, ...parts: string[]): Buffer {
  return readFileSync(conformancePath(set, ...parts));
}
