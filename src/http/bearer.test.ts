import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import { describe, it } from 'node:test';
import { DomainError } from '../core/errors.ts';
import { bearerTokenOf, presentedToken } from './bearer.ts';

const withHeader = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as FastifyRequest;
const unauthorized = (e: unknown) => e instanceof DomainError && e.code === 'unauthorized' && e.detail === 'no bearer token';
const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('Authorization header forms', () => {
  it('takes Bearer <token> by default, and nothing else', () => {
    assert.equal(bearerTokenOf(withHeader('Bearer a.b.c')), 'a.b.c');
    assert.equal(bearerTokenOf(withHeader('  bearer  key_123=  ')), 'key_123=');
    assert.equal(presentedToken(withHeader()), null);
    for (const header of ['', 'a.b.c', basic('key:'), 'Bearer', 'Bearer a b', 'Token a.b.c']) {
      assert.throws(() => presentedToken(withHeader(header)), unauthorized, header);
    }
  });

  it('with bare, takes the token alone, and an empty header is no token', () => {
    const forms = { bare: true };
    assert.equal(presentedToken(withHeader('a.b.c'), forms), 'a.b.c');
    assert.equal(presentedToken(withHeader('Bearer a.b.c'), forms), 'a.b.c');
    assert.equal(presentedToken(withHeader('   '), forms), null);
    assert.throws(() => bearerTokenOf(withHeader(''), forms), unauthorized);
    assert.throws(() => presentedToken(withHeader('a b'), forms), unauthorized);
    assert.throws(() => presentedToken(withHeader(basic('key:')), forms), unauthorized, 'Basic is not a bare token');
  });

  it('with basic, takes the user name of Basic base64("<key>:"), never an empty one', () => {
    const forms = { basic: true };
    assert.equal(presentedToken(withHeader(basic('key_1:')), forms), 'key_1');
    assert.equal(presentedToken(withHeader(basic('key_1:ignored')), forms), 'key_1');
    assert.equal(presentedToken(withHeader(basic('key_1')), forms), 'key_1');
    assert.throws(() => presentedToken(withHeader(basic(':secret')), forms), unauthorized);
    assert.throws(() => presentedToken(withHeader('key_1'), forms), unauthorized, 'bare is a separate form');
  });
});
