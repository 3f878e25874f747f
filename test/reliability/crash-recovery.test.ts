import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ERROR_MESSAGES } from '../../src/http/error-messages.ts';
import type { RunningServer } from '../support/start-server.ts';
import { PasskeyUser } from './support/passkey-user.ts';
import { createRunSchema, describeWithServices, SUITE_TIMEOUT_MS } from './support/services.ts';
import { call, startSigil } from './support/sigil.ts';

/** The counter an assertion reports: authenticatorData bytes 33–36, big-endian. */
const signCountOf = (result: Record<string, unknown>): number =>
  Buffer.from((result.response as { authenticatorData: string }).authenticatorData, 'base64url').readUInt32BE(33);

interface Acknowledged {
  readonly user: PasskeyUser;
  /** The counter of the last login the server acknowledged (0: none). */
  lastCounter: number;
}

/**
 * Eight clients sign up and log in as fast as they can; the process is killed with SIGKILL once a
 * dozen sign-ups were acknowledged, while others are in flight. Returns what was acknowledged.
 */
async function signUpsUntilKilled(server: RunningServer): Promise<Acknowledged[]> {
  const acknowledged: Acknowledged[] = [];
  let killed = false;
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; !killed; i++) {
      const user = new PasskeyUser(`crash-${w}-${i}-${randomBytes(2).toString('hex')}`);
      if ((await user.signUp(server.url)).status !== 200) continue;
      const entry: Acknowledged = { user, lastCounter: 0 };
      acknowledged.push(entry);
      if (acknowledged.length >= 12 && !killed) {
        killed = true;
        server.process.kill('SIGKILL');
      }
      for (let n = 0; n < 2 && !killed; n++) {
        const { result } = await user.prepareLogin(server.url);
        if (result === null) break;
        if ((await call(server.url, 'POST', '/assertion/result', result)).status === 200) entry.lastCounter = signCountOf(result);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
  return acknowledged;
}

/** After the restart: no acknowledged counter went back, and every acknowledged sign-up logs in. */
async function checkAfterRestart(server: RunningServer, acknowledged: readonly Acknowledged[]): Promise<void> {
  assert.ok(acknowledged.length >= 12);
  assert.ok(acknowledged.some((e) => e.lastCounter > 0), 'some logins were acknowledged before the kill');
  for (const entry of acknowledged.filter((e) => e.lastCounter > 0)) {
    const replayedCounter = await entry.user.login(server.url, { signCount: entry.lastCounter });
    assert.deepEqual(
      [replayedCounter.status, replayedCounter.body.errorMessage],
      [400, ERROR_MESSAGES.sign_count_regressed],
      `${entry.user.username}: counter ${entry.lastCounter} was acknowledged, so it must not be accepted again`,
    );
  }
  const logins = await Promise.all(acknowledged.map((e) => e.user.login(server.url)));
  assert.deepEqual(logins.map((r, i) => [acknowledged[i]?.user.username, r.status]), acknowledged.map((e) => [e.user.username, 200]));
}

describe('kill -9 during concurrent sign-ups on SQLite', { timeout: SUITE_TIMEOUT_MS }, () => {
  it('every acknowledged sign-up logs in after the restart, and no acknowledged counter is rolled back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigil-crash-'));
    try {
      const first = await startSigil({ RATE_LIMIT_ENABLED: 'false' }, { dataDir });
      const acknowledged = await signUpsUntilKilled(first);
      assert.equal(await first.stop(), null, 'the process was killed, not stopped');
      const second = await startSigil({ RATE_LIMIT_ENABLED: 'false' }, { dataDir });
      try {
        await checkAfterRestart(second, acknowledged);
      } finally {
        assert.equal(await second.stop(), 0);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describeWithServices('kill -9 during concurrent sign-ups on PostgreSQL', ({ databaseUrl }) => {
  it('every acknowledged sign-up logs in after the restart, and no acknowledged counter is rolled back', async () => {
    const db = await createRunSchema(databaseUrl, 'crash');
    try {
      const env = { DATABASE_URL: db.urlVia(), RATE_LIMIT_ENABLED: 'false' };
      const first = await startSigil(env);
      const acknowledged = await signUpsUntilKilled(first);
      assert.equal(await first.stop(), null, 'the process was killed, not stopped');
      const second = await startSigil(env);
      try {
        await checkAfterRestart(second, acknowledged);
      } finally {
        assert.equal(await second.stop(), 0);
      }
    } finally {
      await db.drop();
    }
  });
});
