import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasTaskset } from './proc-stats.ts';

const REPO_ROOT = new URL('../', import.meta.url).pathname;

export const BENCH_ORIGIN = 'https://bench.sigil.test';
export const BENCH_RP_ID = 'bench.sigil.test';
/** High enough that the limiter, which still counts every request, never refuses one here. */
export const RAISED_RATE_LIMIT = 100_000_000;

/**
 * The node flags `npm start` gives the server (package.json's start script), so the bench runs
 * Sigil as a user does: `node <flags> src/http/server.ts`.
 */
export function startScriptNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(new URL('package.json', `file://${REPO_ROOT}`), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const command = /\bnode((?:\s+--\S+)*)\s+src\/http\/server\.ts\b/.exec(scripts.start ?? '');
  if (command === null) throw new Error(`package.json's start script does not run node … src/http/server.ts: ${scripts.start}`);
  return (command[1] ?? '').split(/\s+/).filter(Boolean);
}

export interface BenchServer {
  readonly url: string;
  readonly pid: number;
  readonly pinned: boolean;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The DATA_DIR and environment `node src/http/server.ts` gets in the bench. */
export function sigilBenchEnv(port: number, dataDir: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RP_ID: BENCH_RP_ID,
    ORIGINS: BENCH_ORIGIN,
    ADMIN_API_KEY: 'bench-admin-key-0123456789abcdefghijklmnop',
    RATE_LIMIT_PER_IP: String(RAISED_RATE_LIMIT),
    RATE_LIMIT_PER_ACCOUNT: String(RAISED_RATE_LIMIT),
    ...extra,
  };
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'sigil-bench-'));
}

/**
 * `node <npm start's flags> src/http/server.ts` (what `npm start` runs) — on the embedded default SQLite in a fresh
 * DATA_DIR and ephemeral state in memory — or the reference peer (`reference-peer/peer-server.ts`).
 * Pinned to core 0 when taskset exists; Sigil logs at `warn`.
 */
export async function startBenchServer(options: { server: 'sigil' | 'peer'; cpuProfileDir: string | null; env?: Readonly<Record<string, string>>; dataDir?: string }): Promise<BenchServer> {
  // A DATA_DIR passed in belongs to the caller, who removes it.
  const dataDir = options.dataDir ?? newDataDir();
  const port = await freePort();
  const pinned = hasTaskset();
  const script = options.server === 'sigil' ? 'src/http/server.ts' : 'bench/reference-peer/peer-server.ts';
  const serverFlags = options.server === 'sigil' ? startScriptNodeFlags() : [];
  const nodeArgs = [...serverFlags, ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []), script];
  const [command, args] = pinned ? ['taskset', ['-c', '0', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const env = options.server === 'sigil' ? sigilBenchEnv(port, dataDir, options.env) : { PATH: process.env.PATH ?? '', PORT: String(port), RP_ID: BENCH_RP_ID, ORIGIN: BENCH_ORIGIN };
  const child: ChildProcess = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(url, child, () => out);
  return {
    url,
    pid: child.pid as number,
    pinned,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** At `warn` the server does not announce that it listens: poll /health instead. */
async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become healthy:\n${output()}`);
}
