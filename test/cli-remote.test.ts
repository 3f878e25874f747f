import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, startServer } from './support/start-server.ts';

const ADMIN_KEY = 'e2e-admin-key-0123456789abcdefghijklmnopqr';

/** Runs the CLI as an operator would, without blocking the test's own event loop. */
function cli(env: Record<string, string>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src/cli/main.ts', ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the CLI while the server runs (SQLite held exclusively, the default)', () => {
  it('works through the management API with --url and a key file, and says so when it cannot open the database', async () => {
    const server = await startServer({ ADMIN_API_KEY: ADMIN_KEY });
    try {
      const keyFile = join(server.dataDir, 'admin.key');
      writeFileSync(keyFile, `${ADMIN_KEY}\n`, { mode: 0o600 });
      const env = { DATA_DIR: server.dataDir, ADMIN_API_KEY: ADMIN_KEY };
      const remote = ['--url', server.url, '--api-key-file', keyFile];

      const created = await cli(env, 'tenants', 'create', '--slug', 'shop', '--rp-id', 'shop.example.com', '--origins', 'https://shop.example.com', '--dialects', 'native,biokey', ...remote);
      assert.equal(created.status, 0, created.stderr);
      const answer = JSON.parse(created.stdout) as { tenant: { slug: string; dialects: object }; adminKey: string };
      assert.deepEqual([answer.tenant.slug, Object.keys(answer.tenant.dialects)], ['shop', ['native', 'biokey']]);
      assert.match(answer.adminKey, /^sigil_sk_/);
      assert.equal((await fetch(`${server.url}/t/shop/.well-known/jwks.json`)).status, 200, 'the running server serves the new tenant at once');

      const listed = await cli(env, 'tenants', 'list', ...remote);
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(listed.stdout, /^shop\tshop\.example\.com\thttps:\/\/shop\.example\.com\tnative,biokey\tactive$/m);

      const user = await cli(env, 'api', 'POST', '/users', '{"username":"ann"}', ...remote);
      assert.equal(user.status, 0, user.stderr);
      const users = await cli(env, 'api', 'GET', '/users?query=ann', ...remote);
      assert.deepEqual((JSON.parse(users.stdout) as { users: { username: string }[] }).users.map((u) => u.username), ['ann']);

      const refused = await cli(env, 'api', 'GET', '/users', '--url', server.url, '--api-key', 'wrong-key-of-sufficient-length');
      assert.deepEqual([refused.status, refused.stderr], [1, 'sigil: 401 unauthorized: Authentication is required.\n']);

      const local = await cli(env, 'tenants', 'list');
      assert.equal(local.status, 1);
      assert.match(local.stderr, /Talk to it instead with\n\s+--url <base URL> --api-key-file <path>/);
    } finally {
      await server.stop();
    }
  });
});
