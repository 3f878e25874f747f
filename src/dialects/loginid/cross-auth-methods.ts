import { availableChannels } from '../../core/one-time-codes/deliver-one-time-code.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { Services } from '../../services.ts';

/**
 * What auth/init offers a username without usable passkeys: `otp` (a code shown where the user
 * is signed in, auth/otp), and `otp:email` / `otp:sms` when the tenant can deliver them. The
 * list depends on the tenant only, never on the account, so it reveals nothing about it.
 */
export function crossAuthMethodsOf(services: Services, tenant: Tenant): string[] {
  return ['otp', ...availableChannels(services.core, tenant).map((channel) => `otp:${channel}`)];
}
