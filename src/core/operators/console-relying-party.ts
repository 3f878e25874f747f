import type { Tenant } from '../tenant.ts';

/**
 * The tenant as the console's passkey ceremonies see it. The console is served at Sigil's own
 * public URL, whatever the tenant's RP ID, so an operator's passkey is scoped to that origin
 * (the credential is still the tenant user's, and useless on the tenant's own RP). Operators
 * always verify the user (UV required), and the enrollment link, not the tenant's sign-up
 * switch, decides who may become one.
 */
export function consoleRelyingParty(tenant: Tenant, publicUrl: string): Tenant {
  const url = new URL(publicUrl);
  return {
    ...tenant,
    rpId: url.hostname,
    origins: [url.origin],
    policies: { ...tenant.policies, userVerification: 'required', allowSignUp: true, insecureOpenRegistrationForExistingUsers: false, insecureAllowLoginWithoutUserPresence: false },
  };
}
