/** Keyshare backup and face-gated recovery over HTTP; the stored backups hold no keyshare in clear. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { KyselyStorage } from '../../storage/kysely/create-kysely-storage.ts';
import { faceFields, nodeDevice, startDuoHarness } from './duo-harness.ts';
import type { DuoHarness, Reply, TestDevice } from './duo-harness.ts';

const codeOf = (res: Reply): [number, number | undefined] => [res.status, (res.body as { error?: { code: number } }).error?.code];
const KEY_A = 'aa'.repeat(32);
const KEY_B = 'bb'.repeat(32);
const KEY_OTHER = 'cc'.repeat(32);
const SHARE_A = randomBytes(600).toString('base64');
const SHARE_B = randomBytes(900).toString('base64');

describe('Duo: keyshare backup and recovery', () => {
  let h: DuoHarness;
  let token: string;
  let device: TestDevice;
  let otherToken: string;
  before(async () => {
    h = await startDuoHarness();
    token = await h.token('auth0|wallet');
    device = nodeDevice();
    assert.equal((await h.registerDevice(token, device)).status, 201);
    assert.deepEqual(await h.generateKey(device, KEY_A), ['ok', 'ok']);
    assert.deepEqual(await h.generateKey(device, KEY_B), ['ok', 'ok']);
    assert.equal((await h.registerFace(token, 'wendy')).status, 201);
    otherToken = await h.token('auth0|other');
    const other = nodeDevice();
    await h.registerDevice(otherToken, other);
    await h.generateKey(other, KEY_OTHER);
  });
  after(() => h.close());

  const backup = (keyshares: unknown, as = token) => h.call('POST', '/v2/keyshare/backup', { token: as, body: { keyshares } });
  const recover = (keyIds: string[], face = 'face=wendy', as = token) => h.call('POST', '/v2/keyshare/recover', { token: as, body: { key_ids: keyIds, ...faceFields(face) } });

  it('lists the keys the MPC node reported, without a backup yet', async () => {
    const res = await h.call('GET', '/v2/keys', { token });
    assert.deepEqual(res.body, { keys: [{ key_id: KEY_A, created_at: '2026-11-23T12:00:00.000Z' }, { key_id: KEY_B, created_at: '2026-11-23T12:00:00.000Z' }] });
  });

  it('backs up only the user’s own keys: a foreign or unknown key id stores nothing (403 100105)', async () => {
    const foreign = await backup([{ key_id: KEY_A, encrypted_keyshare: SHARE_A }, { key_id: KEY_OTHER, encrypted_keyshare: 'x' }]);
    assert.deepEqual([foreign.status, foreign.body], [403, { error: { code: 100105, message: 'This operation is not permitted for this caller.' } }]);
    assert.deepEqual(codeOf(await backup([{ key_id: 'dd'.repeat(32), encrypted_keyshare: 'x' }])), [403, 100105]);
    assert.equal(((await h.call('GET', '/v2/keys', { token })).body as { keys: { backup?: unknown }[] }).keys[0]?.backup, undefined);
  });

  it('refuses malformed backups with 100001', async () => {
    for (const keyshares of [[], [{ key_id: KEY_A }], [{ key_id: 'xyz', encrypted_keyshare: 'x' }], [{ key_id: KEY_A, encrypted_keyshare: '' }], 'nope', [{ key_id: KEY_A, encrypted_keyshare: 'x' }, { key_id: KEY_A.toUpperCase(), encrypted_keyshare: 'y' }]]) {
      assert.deepEqual(codeOf(await backup(keyshares)), [400, 100001], JSON.stringify(keyshares).slice(0, 60));
    }
  });

  it('backs up, then recovers exactly what was backed up (200)', async () => {
    h.s.clock.advance(1_000);
    const res = await backup([{ key_id: KEY_A, encrypted_keyshare: SHARE_A }, { key_id: KEY_B.toUpperCase(), encrypted_keyshare: SHARE_B }]);
    h.s.clock.advance(-1_000);
    assert.deepEqual([res.status, res.body], [200, {
      success: true,
      message: 'Keyshares backed up successfully',
      keyshares: [{ key_id: KEY_A, created_at: '2026-11-23T12:00:01.000Z' }, { key_id: KEY_B, created_at: '2026-11-23T12:00:01.000Z' }],
    }]);
    const keys = await h.call('GET', '/v2/keys', { token });
    assert.deepEqual((keys.body as { keys: unknown[] }).keys[0], { key_id: KEY_A, created_at: '2026-11-23T12:00:00.000Z', backup: { created_at: '2026-11-23T12:00:01.000Z' } });
    const recovered = await recover([KEY_B, KEY_A]);
    assert.deepEqual([recovered.status, recovered.body], [200, { success: true, keyshares: [{ key_id: KEY_B, encrypted_keyshare: SHARE_B }, { key_id: KEY_A, encrypted_keyshare: SHARE_A }] }]);
    assert.equal(h.facetec.requests.at(-1)?.path, '/match-3d-3d');
  });

  it('answers 207 with a per-key 100301 for keys without a backup of this user', async () => {
    const res = await recover([KEY_A, KEY_OTHER, 'ee'.repeat(32)]);
    const missing = { code: 100301, message: 'No backup data found for this wallet' };
    assert.deepEqual([res.status, res.body], [207, {
      success: false,
      message: 'Some keyshares could not be recovered',
      keyshares: [{ key_id: KEY_A, encrypted_keyshare: SHARE_A }, { key_id: KEY_OTHER, error: missing }, { key_id: 'ee'.repeat(32), error: missing }],
    }]);
  });

  it('always requires a passing face match: another face 403 100703, no scan 400, no registered face 403 100701', async () => {
    assert.deepEqual(codeOf(await recover([KEY_A], 'face=mallory')), [403, 100703]);
    assert.deepEqual(codeOf(await recover([KEY_A], 'face=wendy;audit-trail-fail')), [403, 100703]);
    assert.deepEqual(codeOf(await h.call('POST', '/v2/keyshare/recover', { token, body: { key_ids: [KEY_A] } })), [400, 100001]);
    assert.deepEqual(codeOf(await recover([KEY_OTHER], 'face=anyone', otherToken)), [403, 100701]);
    assert.deepEqual(codeOf(await recover([KEY_A], 'face=wendy;status=503')), [503, 100705]);
  });

  it('replaces an earlier backup of the same key', async () => {
    assert.equal((await backup([{ key_id: KEY_A, encrypted_keyshare: 'second version' }])).status, 200);
    assert.deepEqual((await recover([KEY_A])).body, { success: true, keyshares: [{ key_id: KEY_A, encrypted_keyshare: 'second version' }] });
    assert.equal((await backup([{ key_id: KEY_A, encrypted_keyshare: SHARE_A }])).status, 200);
  });

  it('keeps no keyshare in clear in the database file', async () => {
    // The server holds the file exclusively, so read it through its own connection.
    const db = (h.s.core.storage as KyselyStorage).db;
    {
      const { rows } = await sql<Record<string, unknown>>`select * from keyshare_backups`.execute(db);
      assert.equal(rows.length, 2);
      const dump = JSON.stringify(rows);
      for (const share of [SHARE_A, SHARE_B]) {
        for (const form of [share, Buffer.from(share, 'base64').toString('hex'), Buffer.from(share, 'base64').toString('base64url'), share.slice(8, 40)]) {
          assert.equal(dump.includes(form), false);
        }
      }
      for (const row of rows) assert.match(String(row['sealed_keyshare']), /^s1\.[0-9a-f]{16}\./);
    }
  });
});
