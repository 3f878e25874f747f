import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config/schema.ts';
import type { DialectName, DialectSettings } from '../core/tenant-dialects.ts';
import type { Services } from '../services.ts';

export interface DialectOptions {
  readonly services: Services;
}

/** How a dialect reads its per-tenant settings, and builds the default tenant's from configuration. */
export interface DialectSettingsCodec<S extends DialectSettings> {
  /**
   * Validates one tenant's settings (a JSON object as stored or given to `tenants create`) and
   * returns them complete, defaults filled in. Throws `invalid_request` naming the problem.
   */
  read(json: unknown): S;
  /** The default tenant's settings as configuration describes them (applied at every start). */
  fromConfig(config: Config): S;
  /** Insecure switches in force, logged at every start and shown by `/ready`. */
  warnings?(settings: S): readonly string[];
  /** The settings as the management API shows them, secrets (hashes included) left out; default: as they are. */
  view?(settings: S): DialectSettings;
}

/**
 * One vendor (or Sigil's native) API. The plugin is registered twice: at the root, for the
 * default tenant or the one named by `X-Sigil-Tenant`, and under `/t/:tenant`. It installs its
 * own error handler, so every failure leaves in the vendor's envelope. It answers only where the
 * tenant enabled it (`Tenant.dialects`); elsewhere its paths are a 404 in its own envelope.
 */
export interface Dialect<S extends DialectSettings = DialectSettings> {
  readonly name: DialectName;
  readonly plugin: FastifyPluginAsync<DialectOptions>;
  /**
   * Every route the plugin registers, as `METHOD /path` without the tenant prefix (`:name` for a
   * parameter). The app refuses to start if the plugin registers a route not listed here, or if
   * two dialects' routes could match one request.
   */
  readonly routes: readonly string[];
  readonly settings: DialectSettingsCodec<S>;
}
