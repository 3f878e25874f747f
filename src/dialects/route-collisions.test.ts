import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dialect } from './dialect.ts';
import { DIALECTS } from './registry.ts';
import { assertNoRouteCollisions, findRouteCollisions, patternsOverlap } from './route-collisions.ts';
import { noSettings } from './settings-reader.ts';

const fake = (name: Dialect['name'], routes: string[]): Dialect => ({ name, routes, plugin: async () => {}, settings: noSettings(name) });
const split = (path: string) => path.split('/').filter((s) => s !== '');

describe('dialect route collisions', () => {
  it('finds none among the dialects Sigil ships', () => {
    assert.deepEqual(findRouteCollisions(DIALECTS), []);
  });

  it('tells which paths one request could reach', () => {
    assert.equal(patternsOverlap(split('/challenge/:userId'), split('/challenge/abc')), true);
    assert.equal(patternsOverlap(split('/challenge/:userId'), split('/challenge')), false);
    assert.equal(patternsOverlap(split('/auth/devices/challenge/*'), split('/auth/devices/challenge/a/b')), true);
    assert.equal(patternsOverlap(split('/'), split('/')), true);
    assert.equal(patternsOverlap(split('/'), split('/enroll')), false);
    assert.equal(patternsOverlap(split('/v2/keys'), split('/v2/face')), false);
    // AppKey's one parametric route takes every name under /api/appuser/, and nothing else.
    assert.equal(patternsOverlap(split('/api/appuser/:action'), split('/api/appuser/login')), true);
    assert.equal(patternsOverlap(split('/api/appuser/:action'), split('/api/:version/login')), true);
    assert.equal(patternsOverlap(split('/api/appuser/:action'), split('/challenge/:userId')), false);
  });

  it('refuses two dialects that could answer one request, naming every pair', () => {
    const appkey = fake('appkey', ['GET /', 'POST /verify', 'GET /challenge/:id', 'DELETE /challenge/:id']);
    assert.throws(() => assertNoRouteCollisions([...DIALECTS, appkey]), {
      message: 'dialect routes collide (one request could reach both):\n' +
        '  - biokey "GET /" and appkey "GET /"\n' +
        '  - biokey "GET /challenge/:userId" and appkey "GET /challenge/:id"\n' +
        '  - biokey "POST /verify" and appkey "POST /verify"',
    });
  });

  it('lets one dialect declare routes that overlap each other (its own router decides), and different methods share a path', () => {
    assert.doesNotThrow(() => assertNoRouteCollisions([fake('appkey', ['GET /a/:x', 'GET /a/b']), fake('loginid', ['POST /a/b'])]));
  });

  it('refuses a malformed declaration', () => {
    assert.throws(() => assertNoRouteCollisions([fake('appkey', ['/no-method'])]), { message: 'dialect appkey declares a malformed route "/no-method" (expected "METHOD /path")' });
  });
});
