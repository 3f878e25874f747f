import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import type { TenantPolicies, TenantStatus, FaceTecSettings, IdentityProviderSettings } from '../../core/tenant.ts';
import { createTenant } from '../../core/tenants/create-tenant.ts';
import { deleteTenant } from '../../core/tenants/delete-tenant.ts';
import { updateTenant } from '../../core/tenants/update-tenant.ts';
import { readTenantDialects } from '../../dialects/tenant-dialect-settings.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';
import { guard, principalOf } from '../require-api-key.ts';
import { originsSchema, policiesSchema, refusals, slugParams } from '../schemas.ts';
import { tenantView } from '../views.ts';
import { mergeDialectChanges } from './dialect-changes.ts';

const identityProviderSchema = {
  type: ['object', 'null'],
  required: ['issuer', 'audience', 'jwksUrl'],
  additionalProperties: false,
  properties: { issuer: { type: 'string', minLength: 1, maxLength: 512 }, audience: { type: 'string', minLength: 1, maxLength: 512 }, jwksUrl: { type: 'string', pattern: '^https://', maxLength: 1024 } },
} as const;

const faceTecSchema = {
  type: ['object', 'null'],
  required: ['url', 'deviceKey', 'minMatchLevel'],
  additionalProperties: false,
  properties: { url: { type: 'string', pattern: '^https?://', maxLength: 1024 }, deviceKey: { type: 'string', minLength: 1, maxLength: 256 }, minMatchLevel: { type: 'integer', minimum: 0, maximum: 15 } },
} as const;

/** Dialect name → its settings (laid over the stored ones), or null to stop serving it. */
const dialectsSchema = { type: 'object', maxProperties: 20, additionalProperties: { type: ['object', 'null'] } } as const;

interface TenantPatchBody {
  rpId?: string;
  rpName?: string;
  origins?: string[];
  policies?: Partial<TenantPolicies>;
  integrations?: { identityProvider?: IdentityProviderSettings | null; faceTec?: FaceTecSettings | null };
  dialects?: Record<string, Record<string, unknown> | null>;
  status?: TenantStatus;
}

/**
 * Tenants, for platform operators: keys of the default tenant holding `tenants:read` /
 * `tenants:write`. `:slug` names the tenant, as in its public prefix `/t/<slug>/`.
 */
export async function tenantRoutes(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const { core, dialects } = services;
  const read = guard(core, 'tenants:read', { platform: true });
  const write = guard(core, 'tenants:write', { platform: true });
  const bySlug = (slug: string) => {
    const tenant = core.tenants.bySlug(slug);
    if (!tenant) throw new DomainError('tenant_not_found');
    return tenant;
  };

  app.get('/tenants', { ...read, schema: { response: refusals } }, async () => ({ tenants: core.tenants.all().map((t) => tenantView(t, dialects)) }));

  app.post<{ Body: { slug: string; rpId: string; origins: string[]; rpName?: string; policies?: Partial<TenantPolicies>; dialects?: Record<string, Record<string, unknown>> } }>(
    '/tenants',
    {
      ...write,
      schema: {
        body: {
          type: 'object',
          required: ['slug', 'rpId', 'origins'],
          additionalProperties: false,
          properties: {
            slug: { type: 'string', minLength: 1, maxLength: 63 },
            rpId: { type: 'string', minLength: 1, maxLength: 253 },
            rpName: { type: 'string', minLength: 1, maxLength: 256 },
            origins: originsSchema,
            policies: policiesSchema,
            dialects: { type: 'object', maxProperties: 20, additionalProperties: { type: 'object' } },
          },
        },
        response: refusals,
      },
    },
    async (request, reply) => {
      const { tenant: platform, actor } = principalOf(request);
      const body = request.body;
      const input = {
        slug: body.slug,
        rpId: body.rpId,
        rpName: body.rpName ?? body.slug,
        origins: body.origins,
        ...(body.policies === undefined ? {} : { policies: body.policies }),
        ...(body.dialects === undefined ? {} : { dialects: readTenantDialects(dialects, body.dialects) }),
      };
      const created = await createTenant(core, contextOf(request, actor), input, platform.id);
      core.tenants.put(created.tenant);
      return reply.code(201).send({ tenant: tenantView(created.tenant, dialects), adminKey: created.adminKey });
    },
  );

  app.get<{ Params: { slug: string } }>('/tenants/:slug', { ...read, schema: { params: slugParams, response: refusals } }, async (request) => tenantView(bySlug(request.params.slug), dialects));

  app.patch<{ Params: { slug: string }; Body: TenantPatchBody }>(
    '/tenants/:slug',
    {
      ...write,
      schema: {
        params: slugParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            rpId: { type: 'string', minLength: 1, maxLength: 253 },
            rpName: { type: 'string', minLength: 1, maxLength: 256 },
            origins: originsSchema,
            policies: policiesSchema,
            integrations: { type: 'object', additionalProperties: false, properties: { identityProvider: identityProviderSchema, faceTec: faceTecSchema } },
            dialects: dialectsSchema,
            status: { enum: ['active', 'disabled'] },
          },
        },
        response: refusals,
      },
    },
    async (request) => {
      const { tenant: platform, actor } = principalOf(request);
      const tenant = bySlug(request.params.slug);
      const { integrations, dialects: dialectChanges, ...rest } = request.body;
      const updated = await updateTenant(core, contextOf(request, actor), platform.id, tenant, {
        ...rest,
        ...(integrations?.identityProvider === undefined ? {} : { identityProvider: integrations.identityProvider }),
        ...(integrations?.faceTec === undefined ? {} : { faceTec: integrations.faceTec }),
        ...(dialectChanges === undefined ? {} : { dialects: mergeDialectChanges(dialects, tenant.dialects, dialectChanges) }),
      });
      return tenantView(updated, dialects);
    },
  );

  app.delete<{ Params: { slug: string } }>('/tenants/:slug', { ...write, schema: { params: slugParams, response: refusals } }, async (request, reply) => {
    const { tenant: platform, actor } = principalOf(request);
    await deleteTenant(core, contextOf(request, actor), platform.id, bySlug(request.params.slug));
    return reply.code(204).send();
  });
}
