import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, startServer } from './support/start-server.ts';

const ADMIN_KEY = 'e2e-admin-key-0123456789abcdefghijklmnopqr';
const LINK = /(http:\/\/localhost:\d+\/console\/#enroll=(sigil_oe_[\w-]{43}))/;

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

describe('the first operator’s enrollment link: printed at the first start only, renewed by the CLI', () => {
  it('prints it at the first start (ADMIN_API_KEY set), renews it through a running server and on the database itself, and never prints it again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigil-console-link-'));
    const env = { DATA_DIR: dataDir, ADMIN_API_KEY: ADMIN_KEY };
    const enrollOptions = (url: string, link: string) =>
      fetch(`${url}/console/api/enroll/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ link, username: 'ops' }) }).then((r) => r.status);
    try {
      const server = await startServer(env, { dataDir });
      let renewed: string;
      try {
        const first = LINK.exec(server.output())?.[2];
        assert.ok(first, server.output());
        assert.deepEqual(server.output().split('\n').filter((line) => line.startsWith('{') && line.includes('sigil_oe_')), [], 'the link is never in a JSON log line');
        const keyFile = join(dataDir, 'admin.key');
        writeFileSync(keyFile, `${ADMIN_KEY}\n`, { mode: 0o600 });
        const remote = await cli(env, 'console-link', '--url', server.url, '--api-key-file', keyFile);
        assert.equal(remote.status, 0, remote.stderr);
        const again = LINK.exec(remote.stdout)?.[2];
        assert.ok(again, remote.stdout);
        renewed = again;
        assert.deepEqual([await enrollOptions(server.url, first), await enrollOptions(server.url, renewed)], [401, 200], 'the renewed link replaced the first');
      } finally {
        await server.stop();
      }

      const local = await cli(env, 'console-link');
      assert.equal(local.status, 0, local.stderr);
      const third = LINK.exec(local.stdout)?.[2];
      assert.ok(third, local.stdout);
      assert.match(local.stdout, /npm run cli -- console-link\n/);

      const restarted = await startServer(env, { dataDir });
      try {
        assert.doesNotMatch(restarted.output(), /enroll=/, 'a later start prints no link');
        assert.deepEqual([await enrollOptions(restarted.url, renewed), await enrollOptions(restarted.url, third)], [401, 200]);
      } finally {
        await restarted.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
