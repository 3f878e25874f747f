import type { Tenant } from '../../core/tenant.ts';
import { AppKeyError } from './errors.ts';
import { appKeySettingsOf, type AppKeySettings } from './settings.ts';

/** An app with a token: the only kind whose routes answer. */
export type AppKeyApp = AppKeySettings & { readonly appTokenHash: string };

/**
 * The tenant's AppKey app. The dialect gate has let the request in (the tenant serves `appkey`);
 * an app without a token refuses every AppKey route with 400 (invalid app token), as AppKey
 * answers for an unknown app.
 */
export function appOf(tenant: Tenant): AppKeyApp {
  const settings = appKeySettingsOf(tenant);
  const { appTokenHash } = settings;
  if (appTokenHash === null) throw new AppKeyError(400, 'unauthorized', 'no AppKey app token is configured for this tenant');
  return { ...settings, appTokenHash };
}
