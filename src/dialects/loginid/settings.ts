import type { Config } from '../../config/schema.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { DialectSettingsCodec } from '../dialect.ts';
import { invalidSettings, settingsObject } from '../settings-reader.ts';

/** A tenant's LoginID settings (`Tenant.dialects.loginid`): the app id its clients already ship (`app.id`). */
export interface LoginIdSettings {
  readonly [key: string]: string;
  /** A UUID, kept lower-case; `app.id` is compared with it case-insensitively. */
  readonly appId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isLoginIdAppId(value: string): boolean {
  return UUID.test(value);
}

/**
 * The app id has no sensible default: a tenant serving LoginID without one could answer no
 * client, so enabling the dialect without it is refused (`tenants create`, and at start-up when
 * `DIALECTS` names `loginid` without `LOGINID_APP_ID`).
 */
export const loginIdSettings: DialectSettingsCodec<LoginIdSettings> = {
  read(json) {
    const { appId } = settingsObject('loginid', json, ['appId']);
    if (appId === undefined) throw invalidSettings('loginid', 'appId is required (the LoginID app id, a UUID)');
    if (typeof appId !== 'string' || !isLoginIdAppId(appId)) throw invalidSettings('loginid', 'appId must be a UUID');
    return { appId: appId.toLowerCase() };
  },
  fromConfig(config: Config) {
    if (config.loginidAppId === null) throw invalidSettings('loginid', 'LOGINID_APP_ID is required to serve loginid (the LoginID app id, a UUID)');
    return loginIdSettings.read({ appId: config.loginidAppId });
  },
};

/** The settings of a tenant the LoginID routes answer for (the dialect gate let the request in). */
export function loginIdSettingsOf(tenant: Tenant): LoginIdSettings {
  return loginIdSettings.read(tenant.dialects.loginid ?? {});
}
