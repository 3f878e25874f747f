import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services.ts';

export interface DialectOptions {
  readonly services: Services;
}

/**
 * One vendor (or Sigil's native) API. The plugin is registered twice: at the root, for the
 * default tenant or the one named by `X-Sigil-Tenant`, and under `/t/:tenant`. It installs its
 * own error handler, so every failure leaves in the vendor's envelope.
 */
export interface Dialect {
  readonly name: string;
  readonly plugin: FastifyPluginAsync<DialectOptions>;
}
