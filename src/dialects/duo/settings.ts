import { createHash } from 'node:crypto';
import type { Config } from '../../config/schema.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { DialectSettingsCodec } from '../dialect.ts';
import { invalidSettings, settingsObject } from '../settings-reader.ts';

/** A tenant's Duo settings (`Tenant.dialects.duo`). */
export interface DuoSettings {
  readonly [key: string]: string | null;
  /** SHA-256 (hex) of the bearer secret the Duo MPC node presents on hook calls; null refuses every hook call. */
  readonly hookSecretHash: string | null;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const duoSettings: DialectSettingsCodec<DuoSettings> = {
  read(json) {
    const { hookSecretHash = null } = settingsObject('duo', json, ['hookSecretHash']);
    if (hookSecretHash !== null && (typeof hookSecretHash !== 'string' || !SHA256_HEX.test(hookSecretHash))) {
      throw invalidSettings('duo', 'hookSecretHash must be the lower-case hex SHA-256 of the hook secret, or null');
    }
    return { hookSecretHash };
  },
  fromConfig: (config: Config) => ({
    hookSecretHash: config.duoHookSecret === null ? null : createHash('sha256').update(config.duoHookSecret).digest('hex'),
  }),
  view: (settings) => ({ hookSecretConfigured: settings.hookSecretHash !== null }),
};

/** The settings of a tenant the Duo routes answer for (the dialect gate let the request in). */
export function duoSettingsOf(tenant: Tenant): DuoSettings {
  return duoSettings.read(tenant.dialects.duo ?? {});
}
