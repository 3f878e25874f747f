import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { RunningServer } from '../support/start-server.ts';
import { PasskeyUser } from './support/passkey-user.ts';
import { createRunSchema, deleteRedisKeys, describeWithServices, runName, type RunSchema } from './support/services.ts';
import { ADMIN_KEY, call, startSigil } from './support/sigil.ts';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };

describeWithServices('management changes made on one node hold on the other at once', ({ databaseUrl, redisUrl }) => {
  let a: RunningServer;
  let b: RunningServer;
  let db: RunSchema | undefined;
  const started: RunningServer[] = [];
  const prefix = `${runName('manage')}:`;

  before(async () => {
    db = await createRunSchema(databaseUrl, 'manage');
    const env = { DATABASE_URL: db.urlVia(), REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix };
    a = await startSigil(env);
    started.push(a);
    b = await startSigil(env);
    started.push(b);
  });
  after(async () => {
    const codes: (number | null)[] = [];
    for (const node of started) codes.push(await node.stop());
    await db?.drop();
    await deleteRedisKeys(redisUrl, prefix);
    assert.deepEqual(codes, [0, 0]);
  });

  it('a passkey revoked on A no longer logs in on B; a user disabled on A can neither log in nor use a token on B', async () => {
    const user = new PasskeyUser(`operator-${randomBytes(4).toString('hex')}`);
    const signUp = await user.signUp(a.url);
    assert.equal(signUp.status, 200, JSON.stringify(signUp.body));
    const userId = signUp.body.userId as string;
    const bearer = { authorization: `Bearer ${signUp.body.accessToken as string}` };
    assert.equal((await user.login(b.url)).status, 200);

    const disabled = await call(a.url, 'PATCH', `/admin/v1/users/${userId}`, { status: 'disabled' }, admin);
    assert.equal(disabled.status, 200);
    assert.notEqual((await user.login(b.url)).status, 200);
    assert.equal((await call(b.url, 'POST', '/attestation/options', { username: user.username }, bearer)).status, 403);
    assert.equal((await call(a.url, 'PATCH', `/admin/v1/users/${userId}`, { status: 'active' }, admin)).status, 200);
    assert.equal((await user.login(b.url)).status, 200);

    const credentials = await call(b.url, 'GET', `/admin/v1/users/${userId}/credentials`, undefined, admin);
    const [credential] = credentials.body.credentials as { id: string }[];
    assert.ok(credential);
    assert.equal((await call(a.url, 'DELETE', `/admin/v1/credentials/${credential.id}`, undefined, admin)).status, 200);
    assert.notEqual((await user.login(b.url)).status, 200);
    assert.notEqual((await user.login(a.url)).status, 200);
  });
});
