import type { Logger as PinoLogger } from 'pino';
import type { Config } from './config/schema.ts';
import type { CoreDeps } from './core/deps.ts';
import type { DialectRegistry } from './dialects/registry.ts';
import type { ManagedKeyring } from './crypto/keyring.ts';
import type { FaceVerifiers } from './face/face-verifiers.ts';
import type { SigilMetrics } from './metrics/sigil-metrics.ts';

/** A dependency `/ready` asks about. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/**
 * Everything the edges (HTTP app, CLI, tests) are built from. Made by `compose()`, the only
 * place that decides which implementation backs each port.
 */
export interface Services {
  readonly config: Config;
  readonly core: CoreDeps;
  readonly keyring: ManagedKeyring;
  /** Each tenant's face service (FaceTec), or null where none is configured. */
  readonly faceVerifiers: FaceVerifiers;
  /** The APIs this build speaks, by name; each tenant serves those it enabled. */
  readonly dialects: DialectRegistry;
  readonly logger: PinoLogger;
  /** Prometheus instruments, when METRICS_TOKEN or METRICS_PORT turns them on; else null (nothing is counted). */
  readonly metrics: SigilMetrics | null;
  readonly readiness: readonly ReadinessCheck[];
  /** Insecure or development settings in force; logged at start and shown by `/ready`. */
  readonly warnings: readonly string[];
  /** An admin key generated on this start, to be shown once; null otherwise. */
  readonly generatedAdminKey: string | null;
  close(): Promise<void>;
}
