import { startPasskeyRegistration } from '../../../core/ceremonies/start-passkey-registration.ts';
import { DomainError } from '../../../core/errors.ts';
import { availableChannels } from '../../../core/one-time-codes/deliver-one-time-code.ts';
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
      const contact = contactOf(handle, call.settings);
      // Refused before the user makes a passkey that could never be confirmed.
      const channel = contact.email !== null ? 'email' : 'sms';
      if (!availableChannels(call.services.core, call.tenant).includes(channel)) throw new DomainError('channel_unavailable', { detail: `no ${channel} provider for signup codes` });
      const displayName = displayNameOf(call.body);
      const locale = optionalLocale(call.body);
      // An existing handle is refused by the core (registration_not_allowed → 601).
      const { options, session } = await startPasskeyRegistration(call.services.core, call.tenant, { username: handle, displayName }, { bearerUserId: null, grant: null });
      await rememberCeremony(call.services.core, call.tenant, options.challenge, { kind: 'signup', session, handle, data: { locale, displayName } });
      return creationOptionsWire(options, handle);
    },
  },
];
