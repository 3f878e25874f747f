import type { Tenant } from '../../core/tenant.ts';
import type { Services } from '../../services.ts';

/**
 * What auth/init offers a username without usable passkeys: `otp`, a code shown on a device
 * where the user is signed in (auth/otp); email and SMS codes join once messaging is wired.
 */
export function crossAuthMethodsOf(_services: Services, _tenant: Tenant): string[] {
  return ['otp'];
}
