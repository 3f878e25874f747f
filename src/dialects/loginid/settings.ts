import { DomainError } from '../../core/errors.ts';
import type { Tenant } from '../../core/tenant.ts';

/** A tenant's LoginID settings: the app id its clients already ship (`app.id` in init bodies). */
export interface LoginIdSettings {
  readonly appId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isLoginIdAppId(value: string): boolean {
  return UUID.test(value);
}

/** The setting from its configured value (`LOGINID_APP_ID`): unset is off; the id is kept lower-case. */
export function loginIdSettingsFrom(appId: string | null): LoginIdSettings | null {
  if (appId === null) return null;
  if (!isLoginIdAppId(appId)) throw new RangeError('a LoginID app id is a UUID');
  return { appId: appId.toLowerCase() };
}

/** The tenant's settings, or `not_found` when the dialect is off for it (its routes do not exist). */
export function loginIdSettingsOf(tenant: Tenant): LoginIdSettings {
  const settings = tenant.integrations.loginid;
  if (settings === null) throw new DomainError('not_found', { detail: 'the LoginID dialect is off for this tenant' });
  return settings;
}
