import { startPasskeyRegistration } from '../../../core/ceremonies/start-passkey-registration.ts';
import type { AppKeyRoute } from '../appkey-route.ts';
import { authenticateApp } from '../callers.ts';
import { rememberCeremony } from '../ceremony-index.ts';
import { AppKeyError } from '../errors.ts';
import { creationOptionsWire } from '../mapping.ts';
import { contactOf, displayNameOf, optionalLocale } from '../profile-fields.ts';
import { handleOf } from '../wire.ts';

/**
 * Sign-up: `signup` (creation options) → WebAuthn create → `signupConfirm` (attestation
 * verified, code sent to the handle) → `signupComplete` (code) → the account exists.
 */
export const SIGNUP_ROUTES: readonly AppKeyRoute[] = [
  {
    method: 'POST',
    name: 'signup',
    async handle(call) {
      await authenticateApp(call.services, call.request, call.settings);
      if (call.settings.signup !== 'open') throw new AppKeyError(407, 'signup_disabled', 'the app signs up by invitation');
      const handle = handleOf(call.body);
      contactOf(handle, call.settings);
      const displayName = displayNameOf(call.body);
      const locale = optionalLocale(call.body);
      // An existing handle is refused by the core (registration_not_allowed → 601).
      const { options, session } = await startPasskeyRegistration(call.services.core, call.tenant, { username: handle, displayName }, { bearerUserId: null, grant: null });
      await rememberCeremony(call.services.core, call.tenant, options.challenge, { kind: 'signup', session, handle, data: { locale } });
      return creationOptionsWire(options, handle);
    },
  },
];
