import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AK_APP_USER, assertSwiftDecodes } from './swift-decoders.ts';

it('the Swift decoder check refuses what JSONDecoder would: a null required field, a wrong type, a missing array', () => {
  const passkey = { id: 'a', publicKey: 'b', counter: 1, deviceType: 'singleDevice', credentialBackedUp: false, name: 'n', platform: 'web', lastUsed: 'x', createdAt: 'x', updatedAt: 'x' };
  const user = { appUserId: 'u', displayName: 'd', handle: 'h', status: 'active', appId: 'a', loginProvider: 'handle', authenticators: [passkey], userName: null, locale: 'EN', lastLogin: null };
  assertSwiftDecodes(AK_APP_USER, user);
  assert.throws(() => assertSwiftDecodes(AK_APP_USER, { ...user, authenticators: [{ ...passkey, lastUsed: null }] }), /authenticators\[0\]\.lastUsed/);
  assert.throws(() => assertSwiftDecodes(AK_APP_USER, { ...user, authenticators: [{ ...passkey, counter: '1' }] }), /counter/);
  assert.throws(() => assertSwiftDecodes(AK_APP_USER, { ...user, authenticators: undefined }), /authenticators is not an array/);
  assert.throws(() => assertSwiftDecodes(AK_APP_USER, { ...user, locale: 7 }), /locale/);
});
