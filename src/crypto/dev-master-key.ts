import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEV_MASTER_KEY_FILE = 'master.key.dev';

/**
 * Without MASTER_KEY, development runs seal secrets under a key kept next to the data. Anyone
 * who can read DATA_DIR can then read every secret: fine on a laptop, never in production.
 */
export function loadOrCreateDevMasterKey(dataDir: string): { key: Uint8Array; path: string; created: boolean } {
  const path = join(dataDir, DEV_MASTER_KEY_FILE);
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte base64 key`);
    return { key: new Uint8Array(key), path, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key: new Uint8Array(key), path, created: true };
}
