import type { Clock, EphemeralStore, Keyring, Logger, Random, Storage } from './ports.ts';
import type { TenantDirectory } from './tenant-directory.ts';
import type { ExternalTokenVerifier } from './identity/external-token.ts';
import type { Sealer } from '../crypto/envelope.ts';

/** Settings the core needs that come from configuration, already parsed. */
export interface CoreSettings {
  /** Base URL tokens are issued under (`iss`); per-tenant issuers append `/t/<slug>`. */
  readonly publicUrl: string;
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
  readonly settings: CoreSettings;
}

/** Who is acting, for audit and logs. Built by the edge (HTTP, CLI) for each operation. */
export interface RequestContext {
  readonly requestId: string | null;
  readonly ip: string | null;
  /** `user:<id>`, `api-key:<id>`, `system`, `anonymous`, … */
  readonly actor: string;
  readonly logger: Logger;
}
