import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_DIALECTS, DEFAULT_INTEGRATIONS, DEFAULT_POLICIES } from '../core/tenant.ts';
import type { Tenant } from '../core/tenant.ts';
import { createFaceVerifiers } from './face-verifiers.ts';
import { fakeFaceScan } from './fake-face-scan.ts';
import { startFakeFaceTec } from './fake-facetec-server.ts';
import type { FakeFaceTec } from './fake-facetec-server.ts';

const tenant = (slug: string, faceTec: Tenant['integrations']['faceTec']): Tenant => ({
  id: `id-${slug}`,
  slug,
  rpId: 'example.com',
  rpName: slug,
  origins: ['https://example.com'],
  policies: DEFAULT_POLICIES,
  integrations: { ...DEFAULT_INTEGRATIONS, faceTec },
  dialects: DEFAULT_DIALECTS,
  createdAt: 0,
  updatedAt: 0,
});

describe('per-tenant face verifiers', () => {
  let fake: FakeFaceTec;
  before(async () => {
    fake = await startFakeFaceTec({ deviceKey: 'tenant-key' });
  });
  after(() => fake.close());

  it('gives no verifier to a tenant without FaceTec settings', () => {
    assert.equal(createFaceVerifiers().forTenant(tenant('plain', null)), null);
  });

  it("reaches each tenant's FaceTec Server with its device key, sharing one adapter per server and key", async () => {
    const verifiers = createFaceVerifiers({ timeoutMs: 2_000 });
    const settings = { url: fake.url, deviceKey: 'tenant-key', minMatchLevel: 10 };
    const a = verifiers.forTenant(tenant('a', settings));
    assert.ok(a);
    assert.equal(verifiers.forTenant(tenant('b', settings)), a);
    assert.equal((await a.liveness(fakeFaceScan('face=alice'))).passed, true);
    assert.equal(fake.requests.at(-1)?.deviceKey, 'tenant-key');
    const other = verifiers.forTenant(tenant('c', { ...settings, deviceKey: 'wrong-key' }));
    assert.notEqual(other, a);
    await assert.rejects(other!.liveness(fakeFaceScan('face=alice')), (e: unknown) => (e as { code?: string }).code === 'face_service_unavailable');
  });
});
