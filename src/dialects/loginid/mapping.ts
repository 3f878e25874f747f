import type { PasskeyCredential } from '../../core/credential.ts';
import type { ClientDevice, ClientDeviceInfo } from '../../core/devices/client-device.ts';
import { toBase64Url } from '../../core/encoding.ts';
import { describeAuthenticator } from '../../core/passkeys/describe-authenticator.ts';
import type { MetadataSource } from '../../core/passkeys/mds/metadata-catalog.ts';
import type { User } from '../../core/user.ts';
import type { AssertionResultWire, CreationResultWire, DeviceInfoWire, TxCompleteBody } from './wire.ts';

/** Base64 in either alphabet, padded or not, as the unpadded base64url the core reads. */
export function base64UrlOf(text: string): string {
  return text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** LoginID's `creationResult` as the `RegistrationResponseJSON` the core verifies. */
export function registrationResponseOf(result: CreationResultWire): unknown {
  const id = base64UrlOf(result.credentialId);
  return {
    id,
    rawId: id,
    type: 'public-key',
    response: { attestationObject: base64UrlOf(result.attestationObject), clientDataJSON: base64UrlOf(result.clientDataJSON), transports: result.transports ?? [] },
    clientExtensionResults: {},
  };
}

/** LoginID's `assertionResult` as the `AuthenticationResponseJSON` the core verifies. */
export function assertionResponseOf(result: AssertionResultWire): unknown {
  const id = base64UrlOf(result.credentialId);
  return {
    id,
    rawId: id,
    type: 'public-key',
    response: {
      authenticatorData: base64UrlOf(result.authenticatorData),
      clientDataJSON: base64UrlOf(result.clientDataJSON),
      signature: base64UrlOf(result.signature),
      userHandle: typeof result.userHandle === 'string' && result.userHandle !== '' ? base64UrlOf(result.userHandle) : null,
    },
    clientExtensionResults: {},
  };
}

/** tx/complete's flat fields (`clientData`, `keyHandle`) as the same assertion. */
export function txAssertionResponseOf(body: TxCompleteBody): unknown {
  return assertionResponseOf({ authenticatorData: body.authenticatorData, clientDataJSON: body.clientData, credentialId: body.keyHandle, signature: body.signature });
}

/** The client's device description without empty members; its `deviceId` is the device it claims to be. */
export function deviceInfoOf(wire: DeviceInfoWire | undefined): { info: ClientDeviceInfo; claimedId: string | null } {
  const info: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(wire ?? {})) if (value !== null && key !== 'deviceId') info[key] = value;
  const claimed = wire?.['deviceId'];
  return { info, claimedId: typeof claimed === 'string' && claimed !== '' ? claimed : null };
}

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A device as LoginID shows it: the client's own description plus its id and last use. */
export function deviceInfoWire(device: ClientDevice): Record<string, unknown> {
  return { ...device.info, deviceId: device.id, lastUsedAt: iso(device.lastUsedAt) };
}

export function userWire(user: User): Record<string, unknown> {
  return { id: user.id, username: user.username, displayName: user.displayName, ...(user.email ? { email: user.email } : {}), ...(user.phone ? { phoneNumber: user.phone } : {}) };
}

const NO_AAGUID = '00000000-0000-0000-0000-000000000000';

/** A passkey list item (`Passkey`): its provider's name from the AAGUID catalogue when known. */
export function passkeyWire(credential: PasskeyCredential, metadata: MetadataSource | undefined): Record<string, unknown> {
  const aaguid = credential.aaguid ?? NO_AAGUID;
  const provider = describeAuthenticator(aaguid, metadata);
  return {
    id: credential.id,
    name: credential.name ?? provider?.name ?? 'Passkey',
    aaguid,
    createdAt: iso(credential.createdAt),
    credentialSynced: credential.backupState,
    credentialId: toBase64Url(credential.credentialId),
    ...(credential.lastUsedAt !== null ? { lastUsedAt: iso(credential.lastUsedAt) } : {}),
    ...(provider ? { providerName: provider.name } : {}),
  };
}

/** The name a new passkey gets: the one the client chose, else its provider's, else a plain one. */
export function passkeyNameOf(chosen: string | undefined, aaguid: string | null, metadata: MetadataSource | undefined): string {
  const trimmed = chosen?.normalize('NFC').trim();
  if (trimmed) return trimmed;
  return describeAuthenticator(aaguid ?? NO_AAGUID, metadata)?.name ?? 'Passkey';
}
