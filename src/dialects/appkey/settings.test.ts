import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadConfig } from '../../config/load.ts';
import { DomainError } from '../../core/errors.ts';
import { appKeySettings } from './settings.ts';

const HASH = 'ab'.repeat(32);
const DEFAULTS = { appTokenHash: null, signup: 'open', anonymousLogin: false, userNames: false, handleType: 'email', jwtTtlHours: 24, googleClientId: null, appleBundleId: null };

it('fills the defaults of an AppKey app; without a token digest the app refuses every call', () => {
  assert.deepEqual(appKeySettings.read({}), DEFAULTS);
  assert.deepEqual(appKeySettings.read({ appTokenHash: HASH, userNames: true }), { ...DEFAULTS, appTokenHash: HASH, userNames: true });
});

it('reports every problem of malformed settings at once, as invalid_request', () => {
  assert.throws(
    () => appKeySettings.read({ appTokenHash: 'plain-token', signup: 'closed', handleType: 'fax', jwtTtlHours: 0, userNames: 'yes', googleClientId: '' }),
    (error: unknown) => {
      assert.ok(error instanceof DomainError);
      assert.equal(error.code, 'invalid_request');
      assert.equal(
        error.detail,
        'dialect appkey: appTokenHash must be 64 lower-case hex digits or null; signup must be open or invite; handleType must be email, phone or both; jwtTtlHours must be an integer from 1 to 8760; userNames must be a boolean; googleClientId must be a non-empty string or null',
      );
      return true;
    },
  );
});

it('refuses an unknown setting by name', () => {
  assert.throws(() => appKeySettings.read({ appToken: 'x' }), (error: unknown) => error instanceof DomainError && error.detail === `dialect appkey: unknown setting appToken (known: ${Object.keys(DEFAULTS).join(', ')})`);
});

it('builds the default tenant\'s app from APPKEY_* with the token hashed, and hides the digest from the management view', () => {
  const token = 'app-token-of-the-mobile-app';
  const config = loadConfig({ APPKEY_APP_TOKEN: token, APPKEY_SIGNUP: 'invite', APPKEY_HANDLE_TYPE: 'phone', APPKEY_JWT_TTL_HOURS: '12', APPKEY_GOOGLE_CLIENT_ID: 'g.apps' });
  const settings = appKeySettings.fromConfig(config);
  const hash = '55e1561ef253340a264caa343342dfee6ac0675e4c395b93c9e54f15879f12a2'; // sha256 of the token
  const expected = { ...DEFAULTS, appTokenHash: hash, signup: 'invite', handleType: 'phone', jwtTtlHours: 12, googleClientId: 'g.apps' };
  assert.deepEqual(settings, expected);
  assert.deepEqual(appKeySettings.read(settings), expected, 'what fromConfig builds reads back unchanged');
  const { appTokenHash: _hidden, ...shown } = expected;
  assert.deepEqual(appKeySettings.view?.(settings), { ...shown, appTokenConfigured: true });
  assert.equal(JSON.stringify(appKeySettings.view?.(settings)).includes(hash), false);
  const { appTokenHash: _none, ...defaultsShown } = DEFAULTS;
  assert.deepEqual(appKeySettings.view?.(appKeySettings.read({})), { ...defaultsShown, appTokenConfigured: false });
});
