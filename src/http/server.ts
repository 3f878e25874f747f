import { compose } from '../compose.ts';
import { ConfigError, loadConfig } from '../config/load.ts';
import { buildApp } from './app.ts';
import { announceAdminKey } from '../cli/announce-admin-key.ts';
import { announceEnrollmentLink } from '../cli/announce-enrollment-link.ts';
import { enrollmentUrl } from '../admin/console/enrollment-url.ts';
import { issueFirstEnrollment } from '../core/operators/enrollment-links.ts';
import { buildMetricsApp } from '../metrics/metrics-app.ts';

/** The only file that listens: configuration → services → app → socket, and a clean SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Sigil cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const services = await compose(config);
  const app = await buildApp(services);
  // A database that never had a console operator: the link that enrolls the first one, shown
  // before the server listens (so whoever waits for it to listen has seen the link).
  const tenant = services.core.tenants.defaultTenant();
  const ctx = { requestId: null, ip: null, actor: 'system', logger: services.logger };
  const first = await issueFirstEnrollment(services.core, ctx, tenant, config.consoleEnrollmentTtlSeconds);
  if (first) announceEnrollmentLink(enrollmentUrl(config.publicUrl, tenant, first.secret), first.expiresAt, process.stdout);
  await app.listen({ host: config.host, port: config.port });
  const metricsApp = services.metrics && config.metricsPort !== null ? await buildMetricsApp(services.metrics, config.metricsToken) : null;
  if (metricsApp) {
    const address = await metricsApp.listen({ host: config.host, port: config.metricsPort ?? 0 });
    services.logger.info({ address }, 'metrics listening');
  }
  if (services.generatedAdminKey) announceAdminKey(services.generatedAdminKey, process.stdout);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    services.logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const deadline = setTimeout(() => {
      services.logger.error({ timeoutSeconds: config.shutdownTimeoutSeconds }, 'in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownTimeoutSeconds * 1000);
    deadline.unref();
    Promise.all([app.close(), metricsApp?.close()])
      .then(() => services.close())
      .then(() => {
        services.logger.info({}, 'stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        services.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Sigil failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
