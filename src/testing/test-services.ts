import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from '../compose.ts';
import { loadConfig } from '../config/load.ts';
import type { EphemeralStore, Random } from '../core/ports.ts';
import { createLogger } from '../logger.ts';
import type { Services } from '../services.ts';
import { FixedClock } from './fixed-clock.ts';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdefghijklmnop';
export const TEST_MASTER_KEY = Buffer.alloc(32, 0x42).toString('base64');

export interface TestServices extends Services {
  readonly clock: FixedClock;
  readonly dataDir: string;
  /** Closes the services and removes the temporary data directory. */
  dispose(): Promise<void>;
}

/**
 * Sigil composed as the server composes it, on a fresh SQLite file in a temporary directory,
 * with a frozen clock, silent logs and a known admin key. `env` overrides configuration.
 */
export async function createTestServices(options: { env?: Record<string, string>; clock?: FixedClock; random?: Random; ephemeral?: EphemeralStore } = {}): Promise<TestServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sigil-test-'));
  const clock = options.clock ?? new FixedClock();
  const config = loadConfig({
    DATA_DIR: dataDir,
    MASTER_KEY: TEST_MASTER_KEY,
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const services = await compose(config, { clock, logger: createLogger(config.logLevel), ...(options.random ? { random: options.random } : {}), ...(options.ephemeral ? { ephemeral: options.ephemeral } : {}) });
  return {
    ...services,
    clock,
    dataDir,
    async dispose() {
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
