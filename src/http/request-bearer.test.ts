import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import { describe, it } from 'node:test';
import type { CoreDeps } from '../core/deps.ts';
import { DomainError } from '../core/errors.ts';
import { optionalRequestBearer, principalOf } from './request-bearer.ts';

const unauthorized = (detail: string) => (e: unknown) => e instanceof DomainError && e.code === 'unauthorized' && e.detail === detail;
// Paths that never reach the core: it is not there to be called.
const noCore = undefined as unknown as CoreDeps;

describe('request bearer', () => {
  it('without an Authorization header is no principal; a present header must hold a bearer token', async () => {
    assert.equal(await optionalRequestBearer(noCore, { headers: {} } as FastifyRequest), null);
    await assert.rejects(optionalRequestBearer(noCore, { headers: { authorization: 'Basic YTpi' } } as FastifyRequest), unauthorized('no bearer token'));
  });

  it('reads the token from a header a wire names (AppKey access-token); an Authorization header is then no token', async () => {
    const forms = { header: 'access-token', bare: true };
    assert.equal(await optionalRequestBearer(noCore, { headers: { authorization: 'Bearer abc' } } as FastifyRequest, undefined, forms), null);
    assert.equal(await optionalRequestBearer(noCore, { headers: { 'access-token': '' } } as unknown as FastifyRequest, undefined, forms), null);
    await assert.rejects(optionalRequestBearer(noCore, { headers: { 'access-token': 'not a token' } } as unknown as FastifyRequest, undefined, forms), unauthorized('no bearer token'));
  });

  it('refuses to hand a principal to a route no bearer hook authenticated', () => {
    assert.throws(() => principalOf({ principal: null } as FastifyRequest), unauthorized('route reached without authentication'));
  });
});
