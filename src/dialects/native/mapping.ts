import type { AuthenticationFinish } from '../../core/ceremonies/finish-passkey-authentication.ts';
import type { RegistrationFinish } from '../../core/ceremonies/finish-passkey-registration.ts';
import { toBase64Url } from '../../core/encoding.ts';
import type { Clock } from '../../core/ports.ts';
import type { ResultReply } from './wire.ts';

/** A finished ceremony as the native API answers it: who, which passkey, and an access token. */
export function resultReply(finish: RegistrationFinish | AuthenticationFinish, clock: Clock): ResultReply {
  return {
    status: 'ok',
    errorMessage: '',
    userId: finish.user.id,
    username: finish.user.username,
    credentialId: toBase64Url(finish.credential.credentialId),
    accessToken: finish.token.token,
    tokenType: 'Bearer',
    expiresIn: Math.round((finish.token.expiresAt - clock.now()) / 1000),
  };
}
