import type { Tenant } from '../../core/tenant.ts';
import { AppKeyError } from './errors.ts';
import { parseAppKeySettings, type AppKeySettings } from './settings.ts';

const parsed = new WeakMap<object, AppKeySettings>();

/**
 * The tenant's AppKey app, parsed once per tenant record. No app (no token configured): every
 * AppKey route refuses with 400 (invalid app token), as AppKey answers for an unknown app.
 */
export function appSettingsOf(tenant: Tenant): AppKeySettings {
  const raw = tenant.integrations.appkey;
  if (raw === null || raw === undefined) throw new AppKeyError(400, 'unauthorized', 'AppKey is not enabled for this tenant');
  let settings = parsed.get(raw);
  if (!settings) {
    settings = parseAppKeySettings(raw);
    parsed.set(raw, settings);
  }
  return settings;
}
