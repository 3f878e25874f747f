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

  it('reads a bare token from a header a wire names (AppKey access-token); an Authorization header there is no token', async () => {
    assert.equal(await optionalRequestBearer(noCore, { headers: { authorization: 'Bearer abc' } } as FastifyRequest, undefined, 'access-token'), null);
    await assert.rejects(optionalRequestBearer(noCore, { headers: { 'access-token': 'Bearer abc' } } as unknown as FastifyRequest, undefined, 'access-token'), unauthorized('no bearer token'));
    await assert.rejects(optionalRequestBearer(noCore, { headers: { 'access-token': '' } } as unknown as FastifyRequest, undefined, 'access-token'), unauthorized('no bearer token'));
  });

  it('refuses to hand a principal to a route no bearer hook authenticated', () => {
    assert.throws(() => principalOf({ principal: null } as FastifyRequest), unauthorized('route reached without authentication'));
  });
});
