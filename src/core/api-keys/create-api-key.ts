import { recordAudit } from '../audit.ts';
import { toBase64Url } from '../encoding.ts';
import type { ApiKey, ApiKeyScope } from '../api-key.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';
import { lookupIdOf, secretHashOf } from './api-key-hash.ts';

export const GENERATED_KEY_PREFIX = 'sigil_sk_';

export interface CreatedApiKey {
  readonly apiKey: ApiKey;
  /** Shown once to whoever asked for it; only its digests are stored. */
  readonly secret: string;
}

export interface CreateApiKeyInput {
  readonly name: string;
  readonly scopes: readonly (ApiKeyScope | '*')[];
  /** A caller-chosen key (ADMIN_API_KEY); generated when absent. */
  readonly presented?: string;
  /** When the key stops working (ms since epoch); absent: never. */
  readonly expiresAt?: number | null;
}

export async function createApiKey(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  input: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  const secret = input.presented ?? `${GENERATED_KEY_PREFIX}${toBase64Url(deps.random.bytes(32))}`;
  const apiKey: ApiKey = {
    id: deps.random.uuid(),
    tenantId: tenant.id,
    name: input.name,
    lookupId: lookupIdOf(secret),
    secretHash: secretHashOf(secret),
    scopes: [...input.scopes],
    createdAt: deps.clock.now(),
    revokedAt: null,
    expiresAt: input.expiresAt ?? null,
    lastUsedAt: null,
  };
  await deps.storage.apiKeys.create(apiKey);
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'api-key.created', subject: `api-key:${apiKey.id}`, detail: { name: input.name, scopes: [...input.scopes], expiresAt: apiKey.expiresAt } });
  return { apiKey, secret };
}
