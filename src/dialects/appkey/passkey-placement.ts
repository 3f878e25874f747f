import type { FastifyRequest } from 'fastify';
import type { PasskeyEnrollment } from '../../core/ceremonies/finish-passkey-registration.ts';
import type { PasskeyPlacement } from '../../core/ceremonies/passkey-credential.ts';

const PLATFORMS = ['ios', 'android', 'web'] as const;
type Platform = (typeof PLATFORMS)[number];

/** The platform a passkey is being made on, from the SDK's user agent. */
function platformOf(request: FastifyRequest): Platform {
  const agent = String(request.headers['user-agent'] ?? '');
  if (/CFNetwork|Darwin|iPhone|iPad/i.test(agent)) return 'ios';
  if (/Android/i.test(agent)) return 'android';
  return 'web';
}

/**
 * A passkey enrolled through AppKey, named as AppKey names it: `<displayName>-<platform>`. Sigil's
 * passkey record has no platform field (a passkey is not a device key), so the name carries it.
 */
export function appKeyPlacement(request: FastifyRequest, displayName: string): PasskeyPlacement {
  return { enrolledVia: 'appkey', deviceId: null, name: `${displayName}-${platformOf(request)}` };
}

/** The same, as `finishPasskeyRegistration` takes it (adding a passkey to an account). */
export function appKeyEnrollment(request: FastifyRequest, displayName: string): PasskeyEnrollment<undefined> {
  const { enrolledVia, name } = appKeyPlacement(request, displayName);
  return { enrolledVia, nameOf: () => name };
}

/** AKPasskey's `platform`: the one its enrollment name ends with, `web` once renamed otherwise. */
export function platformOfName(name: string | null): Platform {
  return PLATFORMS.find((p) => name?.endsWith(`-${p}`) === true) ?? 'web';
}
