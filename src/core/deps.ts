import type { Clock, CodeMessenger, EphemeralStore, Keyring, Logger, Random, Storage } from './ports.ts';
import type { TenantDirectory } from './tenant-directory.ts';
import type { CodeIssueSettings } from './one-time-codes/code-policy.ts';
import type { ExternalTokenVerifier } from './identity/external-token.ts';
import type { Sealer } from '../crypto/envelope.ts';
import type { PublicKeyCache } from '../crypto/cose/public-key-cache.ts';
import type { DevicePublicKey } from '../crypto/device-keys/index.ts';
import type { RegistrationTrustOptions } from './passkeys/verify-registration.ts';

/** Settings the core needs that come from configuration, already parsed. */
export interface CoreSettings {
  /** Base URL tokens are issued under (`iss`); per-tenant issuers append `/t/<slug>`. */
  readonly publicUrl: string;
  /**
   * Secret for stand-in answers about accounts that do not exist (so a login for an unknown
   * username looks like one for a known user); derived from the master key.
   */
  readonly enumerationKey: Uint8Array;
  /** Key of the digests one-time codes are stored as; derived from the master key. */
  readonly codeKey: Uint8Array;
  /** Hourly limits of one-time codes issued per client and per tenant. */
  readonly codeIssue: CodeIssueSettings;
}

/** What passkey ceremonies share across requests. */
export interface PasskeySupport {
  /** Imported credential public keys, so a login never re-imports one. */
  readonly keyCache: PublicKeyCache;
  /** Attestation anchors, FIDO metadata and CRLs; the verification time comes from the clock. */
  readonly trust: Omit<RegistrationTrustOptions, 'now'>;
}

/** What device-key ceremonies share across requests. */
export interface DeviceKeySupport {
  /** Device public keys parsed from their stored SPKI, so a proof never re-imports one. */
  readonly keyCache: PublicKeyCache<DevicePublicKey>;
}

/** What every core function receives: its collaborators, passed as an argument. */
export interface CoreDeps {
  readonly storage: Storage;
  readonly ephemeral: EphemeralStore;
  readonly clock: Clock;
  readonly random: Random;
  readonly keyring: Keyring;
  readonly tenants: TenantDirectory;
  /** Verifies access tokens of tenants' trusted external identity providers. */
  readonly idp: ExternalTokenVerifier;
  /** Envelope encryption under the master key, for secrets stored at rest. */
  readonly sealer: Sealer;
  readonly passkeys: PasskeySupport;
  readonly deviceKeys: DeviceKeySupport;
  readonly settings: CoreSettings;
  /** Delivers one-time codes by email and SMS (the channels configured). */
  readonly messenger: CodeMessenger;
}

/** Who is acting, for audit and logs. Built by the edge (HTTP, CLI) for each operation. */
export interface RequestContext {
  readonly requestId: string | null;
  readonly ip: string | null;
  /** `user:<id>`, `api-key:<id>`, `system`, `anonymous`, … */
  readonly actor: string;
  readonly logger: Logger;
}
