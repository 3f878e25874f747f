import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, startServer } from './support/start-server.ts';

describe('npm start on the embedded default (SQLite file, in-memory ephemeral state)', () => {
  it('serves /health, /ready and the JWKS, prints a generated admin key once, and logs JSON with request ids', async () => {
    const server = await startServer();
    try {
      assert.deepEqual(await (await fetch(`${server.url}/health`)).json(), { status: 'ok' });
      const ready = await fetch(`${server.url}/ready`);
      assert.equal(ready.status, 200);
      const readyBody = (await ready.json()) as { warnings: string[] };
      assert.match(readyBody.warnings[0] ?? '', /MASTER_KEY is not set/);
      const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: { kty: string; crv: string; alg: string }[] };
      assert.deepEqual(jwks.keys.map((k) => [k.kty, k.crv, k.alg]), [['EC', 'P-256', 'ES256']]);
      assert.ok(existsSync(join(server.dataDir, 'sigil.db')));
      const key = /^\s+(sigil_sk_[\w-]{43})$/m.exec(server.output())?.[1];
      assert.ok(key, 'the generated admin key is printed');
      const admin = await fetch(`${server.url}/admin/v1/tenant`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(admin.status, 200);
      // Logs reach the pipe asynchronously: wait until the four request lines have arrived.
      for (let i = 0; i < 50 && (server.output().match(/request completed/g) ?? []).length < 4; i++) await new Promise((r) => setTimeout(r, 50));
      const lines = server.output().split('\n').filter((l) => l.startsWith('{'));
      const requestLines = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request completed');
      assert.ok(requestLines.length >= 4);
      for (const l of requestLines) assert.match(String(l.reqId), /^[0-9a-f-]{36}$/);
      assert.equal(lines.some((l) => l.includes(key)), false, 'the key never reaches the JSON logs');
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('on SIGTERM stops accepting, finishes the in-flight request, and exits 0 within 10 s', async () => {
    const server = await startServer({ ADMIN_API_KEY: 'e2e-admin-key-0123456789abcdefghijklmnopqr' });
    const { port } = new URL(server.url);
    const body = JSON.stringify({});
    // A request whose body is still arriving when the signal comes.
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/admin/v1/signing-keys/rotate', headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: 'Bearer e2e-admin-key-0123456789abcdefghijklmnopqr' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.write(body.slice(0, 1));
      setTimeout(() => {
        server.process.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(1)), 300);
      }, 200);
    });
    const started = Date.now();
    assert.equal(await inFlight, 200);
    assert.equal(await server.stop(), 0);
    assert.ok(Date.now() - started < 10_000);
    assert.match(server.output(), /"msg":"stopped"/);
  });

  it('refuses to start on invalid configuration, naming each problem', () => {
    const r = spawnSync(process.execPath, ['src/http/server.ts'], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', PORT: 'x', ORIGINS: 'ftp://nope' }, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /PORT: must be an integer/);
    assert.match(r.stderr, /ORIGINS: not valid origins: ftp:\/\/nope/);
    assert.equal(r.stderr.includes('    at '), false, 'no stack trace');
  });

  it('refuses to start without MASTER_KEY when REQUIRE_MASTER_KEY is true', () => {
    const r = spawnSync(process.execPath, ['src/http/server.ts'], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', REQUIRE_MASTER_KEY: 'true' }, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /MASTER_KEY: required because REQUIRE_MASTER_KEY is true/);
  });

  it('migrates by CLI; running it twice changes nothing', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigil-migrate-'));
    try {
      const run = () => spawnSync(process.execPath, ['src/cli/main.ts', 'migrate'], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir }, encoding: 'utf8' });
      const first = run();
      assert.equal(first.status, 0, first.stderr);
      const size = readFileSync(join(dataDir, 'sigil.db')).length;
      const second = run();
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stdout, /latest migration/);
      assert.equal(readFileSync(join(dataDir, 'sigil.db')).length, size);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('creates a tenant by CLI, which the server then serves under /t/<slug>/ with its own admin key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sigil-tenant-'));
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'error' };
    const cli = (...args: string[]) => spawnSync(process.execPath, ['src/cli/main.ts', 'tenants', 'create', '--slug', 'shop', '--rp-id', 'shop.example.com', '--origins', 'https://shop.example.com', ...args], { cwd: REPO_ROOT, env, encoding: 'utf8' });
    const refused = cli('--dialects', 'native,bioky');
    assert.equal(refused.status, 1);
    assert.equal(refused.stderr, 'sigil: invalid_request: "bioky" is not a dialect (available: native, duo, biokey, swapbits, appkey, loginid)\n');
    const created = cli('--dialects', 'native,biokey');
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /^Tenant shop created \(RP ID shop.example.com\); it serves native, biokey under \/t\/shop\/\.$/m);
    const key = /^\s+(sigil_sk_[\w-]{43})$/m.exec(created.stdout)?.[1];
    assert.ok(key);
    const server = await startServer({}, { dataDir });
    try {
      assert.equal((await fetch(`${server.url}/t/shop/.well-known/jwks.json`)).status, 200);
      const tenant = (await (await fetch(`${server.url}/admin/v1/tenant`, { headers: { authorization: `Bearer ${key}` } })).json()) as { slug: string; rpId: string };
      assert.deepEqual([tenant.slug, tenant.rpId], ['shop', 'shop.example.com']);
      assert.deepEqual((tenant as unknown as { dialects: unknown }).dialects, { native: {}, biokey: { insecureLegacyMode: false } });
      // BioKey is on for shop only: the default tenant (DIALECTS unset, new) serves native alone.
      assert.equal((await fetch(`${server.url}/t/shop/`)).status, 200);
      const root = await fetch(`${server.url}/`);
      assert.deepEqual([root.status, await root.json()], [404, { error: 'Not found' }]);
      const options = (await (await fetch(`${server.url}/t/shop/assertion/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { rpId: string };
      assert.equal(options.rpId, 'shop.example.com');
    } finally {
      assert.equal(await server.stop(), 0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('holds its SQLite file exclusively: the CLI is told why it cannot open it, and to use the API', async () => {
    const server = await startServer();
    try {
      const r = spawnSync(process.execPath, ['src/cli/main.ts', 'keys', 'rotate'], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', DATA_DIR: server.dataDir }, encoding: 'utf8' });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /database is locked/);
      assert.match(r.stderr, /Talk to it instead with\n\s+--url <base URL> --api-key-file <path>/);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('npm start and npm test check the Node version first, in plain JavaScript', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts.start ?? '', /^node scripts\/require-node\.js && /);
    assert.match(pkg.scripts.test ?? '', /^node scripts\/require-node\.js && /);
    // Any older Node on the machine (CI machines ship Node 20) must get one clear line.
    const old = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p) && spawnSync(p, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim() < '22');
    if (!old) return;
    const r = spawnSync(old, ['scripts/require-node.js'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /Sigil needs Node\.js >= 22\.18 \(Node 24 LTS recommended\); this is Node \d+/);
  });
});
