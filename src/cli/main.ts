import { compose } from '../compose.ts';
import { loadConfig } from '../config/load.ts';
import { DomainError } from '../core/errors.ts';
import { recordAudit } from '../core/audit.ts';
import { rotateBootstrapAdminKey } from '../core/bootstrap/ensure-admin-key.ts';
import type { RequestContext } from '../core/deps.ts';
import { createLogger } from '../logger.ts';
import { openStorage } from '../storage/open-storage.ts';
import { announceAdminKey } from './announce-admin-key.ts';
import { announceEnrollmentLink } from './announce-enrollment-link.ts';
import { enrollmentUrl } from '../admin/console/enrollment-url.ts';
import { issueOperatorEnrollment } from '../core/operators/enrollment-links.ts';
import { remoteTargetOf, runRemote } from './remote.ts';
import { createTenant } from '../core/tenants/create-tenant.ts';
import { enabledDialects } from '../core/tenant-dialects.ts';
import { parseDialectsArgument } from '../dialects/tenant-dialect-settings.ts';
import type { Services } from '../services.ts';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                       apply pending database migrations (also done at start-up)
  keys rotate [--tenant <slug>] make a new signing key; the old one stays in the JWKS until its tokens expire
  admin-key rotate [--tenant <slug>]
                                replace the generated admin API key of a tenant (printed once)
  console-link [--tenant <slug>]
                                a one-time link that enrolls a console operator with every scope
                                (printed once; replaces the tenant's earlier link)
  tenants list                  the tenants, with their RP ID, origins and dialects
  tenants create --slug <slug> --rp-id <domain> --origins <origin,...> [--rp-name <name>]
                 [--dialects <name,...> | --dialects '{"<name>": {settings}, ...}']
                                a tenant served under /t/<slug>/, and its admin API key (printed once);
                                it serves the dialects named (default: native), each with its
                                default settings or those given as JSON (docs/dialects/README.md)
  api <METHOD> <path> [json]    any management route, e.g. api GET '/users?query=ann' (needs --url)
  help                          this text

Against a running server (any database): add --url <base URL> --api-key-file <path>
(or --api-key <key>); tenants list/create, keys rotate and api then call the management API
with that key, and never open the database. Without --url, commands open the database named by
the same environment variables as the server (see README); a server holding SQLite exclusively
(SQLITE_EXCLUSIVE_LOCK=true, the default) must then be stopped first.`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 1 : 0;
  }
  const remote = await remoteTargetOf(argv);
  if (remote !== null) {
    const code = await runRemote(remote, argv, process.stdout);
    if (code !== null) return code;
    process.stderr.write(`${argv.slice(0, 2).join(' ')} works on the database itself, not with --url.\n\n${USAGE}\n`);
    return 1;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);

  if (command === 'migrate') {
    const storage = await openStorage(config, logger);
    await storage.close();
    process.stdout.write('Database is at the latest migration.\n');
    return 0;
  }
  if (command === 'tenants' && (sub === 'list' || sub === 'create')) {
    const services = await compose(config, { logger });
    try {
      return sub === 'list' ? listTenants(services) : await createTenantFromArgs(services, rest);
    } finally {
      await services.close();
    }
  }
  if (command === 'console-link') {
    const services = await compose(config, { logger });
    try {
      const args = [sub, ...rest].filter((a): a is string => a !== undefined);
      const slugAt = args.indexOf('--tenant');
      const slug = slugAt >= 0 ? args[slugAt + 1] : undefined;
      const tenant = slug === undefined ? services.core.tenants.defaultTenant() : services.core.tenants.bySlug(slug);
      if (!tenant) {
        process.stderr.write(`No tenant named ${JSON.stringify(slug)}.\n`);
        return 1;
      }
      const ctx: RequestContext = { requestId: null, ip: null, actor: 'cli', logger };
      const { secret, expiresAt } = await issueOperatorEnrollment(services.core, ctx, tenant, { ttlSeconds: config.consoleEnrollmentTtlSeconds });
      announceEnrollmentLink(enrollmentUrl(config.publicUrl, tenant, secret), expiresAt, process.stdout, slug === undefined ? null : tenant.slug);
      return 0;
    } finally {
      await services.close();
    }
  }
  if ((command === 'keys' && sub === 'rotate') || (command === 'admin-key' && sub === 'rotate')) {
    const services = await compose(config, { logger });
    try {
      const ctx: RequestContext = { requestId: null, ip: null, actor: 'cli', logger };
      const slugAt = rest.indexOf('--tenant');
      const slug = slugAt >= 0 ? rest[slugAt + 1] : undefined;
      const tenant = slug === undefined ? services.core.tenants.defaultTenant() : services.core.tenants.bySlug(slug);
      if (!tenant) {
        process.stderr.write(`No tenant named ${JSON.stringify(slug)}.\n`);
        return 1;
      }
      if (command === 'admin-key') {
        const secret = await rotateBootstrapAdminKey(services.core, ctx, tenant);
        announceAdminKey(secret, process.stdout, slug === undefined ? null : tenant.slug);
        return 0;
      }
      const result = await services.keyring.rotate(tenant.id);
      await recordAudit(services.core, ctx, { tenantId: tenant.id, action: 'signing-key.rotated', subject: `signing-key:${result.kid}`, detail: { retired: result.retired } });
      process.stdout.write(`Tenant ${tenant.slug}: new signing key ${result.kid}; retired ${result.retired.join(', ') || 'none'}.\n`);
      return 0;
    } finally {
      await services.close();
    }
  }
  process.stderr.write(`Unknown command: ${argv.join(' ')}\n\n${USAGE}\n`);
  return 1;
}

function listTenants(services: Services): number {
  for (const t of services.core.tenants.all()) process.stdout.write(`${t.slug}\t${t.rpId}\t${t.origins.join(',')}\t${enabledDialects(t.dialects).join(',')}\n`);
  return 0;
}

async function createTenantFromArgs(services: Services, args: readonly string[]): Promise<number> {
  const option = (name: string): string | undefined => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const [slug, rpId, origins] = [option('slug'), option('rp-id'), option('origins')];
  if (slug === undefined || rpId === undefined || origins === undefined) {
    process.stderr.write(`tenants create needs --slug, --rp-id and --origins\n\n${USAGE}\n`);
    return 1;
  }
  const ctx: RequestContext = { requestId: null, ip: null, actor: 'cli', logger: services.logger };
  const dialects = option('dialects');
  const input = {
    slug, rpId, rpName: option('rp-name') ?? slug, origins: origins.split(',').map((o) => o.trim()).filter((o) => o !== ''),
    ...(dialects === undefined ? {} : { dialects: parseDialectsArgument(services.dialects, dialects) }),
  };
  const { tenant, adminKey } = await createTenant(services.core, ctx, input);
  process.stdout.write(`Tenant ${tenant.slug} created (RP ID ${tenant.rpId}); it serves ${enabledDialects(tenant.dialects).join(', ')} under /t/${tenant.slug}/.\n`);
  announceAdminKey(adminKey, process.stdout, tenant.slug);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The operator at the console may see a refusal's internal detail; clients never do.
    const message = error instanceof DomainError ? `${error.code}: ${error.detail ?? ''}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`sigil: ${message}\n`);
    if (/database is locked/i.test(message)) {
      process.stderr.write(
        'sigil: a running Sigil server holds the SQLite database (SQLITE_EXCLUSIVE_LOCK=true). Talk to it instead with\n' +
          '       --url <base URL> --api-key-file <path>, stop it first, or run it with SQLITE_EXCLUSIVE_LOCK=false.\n',
      );
    }
    process.exit(1);
  },
);
