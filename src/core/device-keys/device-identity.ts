import type { DevicePublicKey } from '../../crypto/device-keys/index.ts';
import { fingerprint } from '../../crypto/device-keys/index.ts';
import { passkeyCredentialOf } from '../ceremonies/passkey-credential.ts';
import type { DeviceKeyCredential, LegacyBioKeyIdentity, PasskeyCredential } from '../credential.ts';
import type { CoreDeps } from '../deps.ts';
import type { RegisteredPasskey } from '../passkeys/verify-registration.ts';
import type { Tenant } from '../tenant.ts';
import { buildDeviceKeyCredential, type DeviceKeyDescription } from './device-key-credential.ts';
import { buildSealedIdentityCredential } from './legacy/legacy-identity-value.ts';

/**
 * What a device enrolls as, for an account the client names:
 * - `key`: a device key (BioKey's seed-shaped clients: an Ed25519 key), proved by signatures;
 * - `webauthn`: a platform WebAuthn credential, proved by assertions, with the client's own
 *   opaque identity value beside it (BioKey's SDK: a PRF output or a value derived from the
 *   credential id), kept sealed and echoed back, never used as a key.
 */
export type DeviceIdentity =
  | { readonly kind: 'key'; readonly key: DevicePublicKey }
  | { readonly kind: 'webauthn'; readonly passkey: RegisteredPasskey; readonly identifier: string };

/** The records that hold an identity: the one that proves possession first. */
export type IdentityRecords =
  | readonly [DeviceKeyCredential]
  | readonly [PasskeyCredential, LegacyBioKeyIdentity];

/** The ids the identity claims in the tenant (each must be unbound before it is enrolled). */
export function identityCredentialIdsOf(identity: DeviceIdentity): Uint8Array[] {
  return identity.kind === 'key' ? [fingerprint(identity.key.spki)] : [identity.passkey.credentialId];
}

/**
 * The records that hold the identity for `userId`, built by the builders of each kind: a device
 * key; or the WebAuthn credential (a passkey placed beside the device) with the client's identity
 * value as a `LegacyBioKeyIdentity`, the one kind that holds such a value sealed and is never a key.
 */
export function identityCredentialsOf(
  deps: Pick<CoreDeps, 'clock' | 'random' | 'sealer'>,
  tenant: Tenant,
  userId: string,
  identity: DeviceIdentity,
  description: DeviceKeyDescription,
): IdentityRecords {
  if (identity.kind === 'key') return [buildDeviceKeyCredential(deps, tenant, userId, identity.key, description)];
  const placement = { enrolledVia: description.origin.enrolledVia, deviceId: description.deviceId, name: description.name };
  return [
    passkeyCredentialOf(deps, tenant, userId, identity.passkey, placement),
    buildSealedIdentityCredential(deps, tenant, userId, identity.identifier, description),
  ];
}
