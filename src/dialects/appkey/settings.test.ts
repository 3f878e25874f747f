import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DomainError } from '../../core/errors.ts';
import { parseAppKeySettings } from './settings.ts';

const HASH = 'ab'.repeat(32);

it('fills the defaults of an AppKey app given only its token digest', () => {
  assert.deepEqual(parseAppKeySettings({ appTokenHash: HASH }), {
    appTokenHash: HASH,
    signup: 'open',
    anonymousLogin: false,
    userNames: false,
    handleType: 'email',
    jwtTtlHours: 24,
    googleClientId: null,
    appleBundleId: null,
  });
});

it('reports every problem of malformed settings at once, as invalid_request', () => {
  assert.throws(
    () => parseAppKeySettings({ appTokenHash: 'plain-token', signup: 'closed', handleType: 'fax', jwtTtlHours: 0, userNames: 'yes', googleClientId: '' }),
    (error: unknown) => {
      assert.ok(error instanceof DomainError);
      assert.equal(error.code, 'invalid_request');
      assert.equal(
        error.detail,
        'appkey settings: appTokenHash must be 64 lower-case hex digits; signup must be open or invite; handleType must be email, phone or both; jwtTtlHours must be an integer from 1 to 8760; userNames must be a boolean; googleClientId must be a non-empty string or null',
      );
      return true;
    },
  );
});
