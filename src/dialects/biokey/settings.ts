import type { Config } from '../../config/schema.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { DialectSettingsCodec } from '../dialect.ts';
import { invalidSettings, settingsObject } from '../settings-reader.ts';

/** A tenant's BioKey settings (`Tenant.dialects.biokey`). */
export interface BioKeySettings {
  readonly [key: string]: boolean;
  /** Serves BioKey v0.1.0 literally: `/verify` without proof of possession, `/enroll` overwrites. Insecure. */
  readonly insecureLegacyMode: boolean;
}

export const bioKeySettings: DialectSettingsCodec<BioKeySettings> = {
  read(json) {
    const { insecureLegacyMode = false } = settingsObject('biokey', json, ['insecureLegacyMode']);
    if (typeof insecureLegacyMode !== 'boolean') throw invalidSettings('biokey', 'insecureLegacyMode must be true or false');
    return { insecureLegacyMode };
  },
  fromConfig: (config: Config) => ({ insecureLegacyMode: config.biokeyInsecureLegacyMode }),
  warnings: (settings) => (settings.insecureLegacyMode ? ['BioKey insecure legacy mode is on (/verify accepts no proof of possession)'] : []),
};

/** The settings of a tenant the BioKey routes answer for (the dialect gate let the request in). */
export function bioKeySettingsOf(tenant: Tenant): BioKeySettings {
  return bioKeySettings.read(tenant.dialects.biokey ?? {});
}
