import type { Config } from '../config/schema.ts';
import { loadOrCreateDevMasterKey } from './dev-master-key.ts';

export interface ResolvedMasterKey {
  readonly key: Uint8Array;
  readonly path: string | null;
  /** Set when running on the development key. */
  readonly warning: string | null;
}

/** MASTER_KEY when configured; otherwise the development key in DATA_DIR (refused when required). */
export function resolveMasterKey(config: Pick<Config, 'masterKey' | 'requireMasterKey' | 'dataDir'>): ResolvedMasterKey {
  if (config.masterKey !== null) return { key: new Uint8Array(Buffer.from(config.masterKey, 'base64')), path: null, warning: null };
  if (config.requireMasterKey) throw new Error('MASTER_KEY is required (REQUIRE_MASTER_KEY=true)');
  const dev = loadOrCreateDevMasterKey(config.dataDir);
  return {
    key: dev.key,
    path: dev.path,
    warning: `MASTER_KEY is not set: secrets are sealed with a DEVELOPMENT key stored in ${dev.path}; set MASTER_KEY (and REQUIRE_MASTER_KEY=true) in production`,
  };
}
