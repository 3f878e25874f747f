/**
 * End-to-end login throughput: `npm run bench [-- --users N --concurrency C --duration S]`.
 *
 * Starts the real server (`node src/http/server.ts`) on the embedded default — SQLite in a temp
 * DATA_DIR, ephemeral state in memory — pinned to core 0, registers N users with ES256 software
 * passkeys, then drives complete login ceremonies (options → sign → result → JWT) at concurrency C
 * from this process on core 1. Prints throughput, latency, the server's CPU per login and peak
 * RSS, then the two floors it cannot go below, measured on the same machine: the crypto alone
 * (in-process) and two HTTP exchanges on a bare node:http server (http-floor.ts). See bench-settings.ts for the flags.
 */
import { availableParallelism } from 'node:os';
import { freePort, startBenchServer, RAISED_RATE_LIMIT } from './bench-server.ts';
import { readBenchSettings } from './bench-settings.ts';
import { summarizeCpuProfiles } from './cpu-profile-summary.ts';
import { measureCryptoBound } from './crypto-bound.ts';
import { measureHttpFloor } from './http-floor.ts';
import { createKeepAliveClient } from './keep-alive-client.ts';
import { captureLogin, driveLogins, registerUsers, type LoginExchange, type LoadMeasurement } from './login-load.ts';
import { printReport } from './print-report.ts';
import { describeMachine, pinSelf, statusKiB } from './proc-stats.ts';

const settings = readBenchSettings(process.argv.slice(2), process.env);
const machine = describeMachine(); // before pinning narrows what this process sees
const clientPinned = pinSelf(1);
const server = await startBenchServer({ cpuProfileDir: settings.cpuProfileDir, env: settings.serverEnv });
const client = createKeepAliveClient(server.url, settings.concurrency);
let exitCode = 0;
let measured: { load: LoadMeasurement; peakRssKiB: number; exchange: LoginExchange } | null = null;
try {
  console.log(`machine  ${machine}`);
  console.log(`server   node src/http/server.ts, SQLite in a temp DATA_DIR, memory ephemeral store, LOG_LEVEL=warn, ${server.pinned ? 'pinned to core 0 (taskset -c 0)' : 'not pinned (no taskset)'}`);
  console.log(`         rate limiter on, limits raised to ${RAISED_RATE_LIMIT.toLocaleString('en')} per window (every request is still counted)`);
  for (const [key, value] of Object.entries(settings.serverEnv)) console.log(`         ${key}=${value} (--server-env)`);
  console.log(`client   this process, ${clientPinned ? 'pinned to core 1' : `not pinned (${availableParallelism()} cores)`}; http.request over ${settings.concurrency} keep-alive sockets`);
  const registerStart = performance.now();
  const users = await registerUsers(client, settings.users, settings.concurrency);
  console.log(`setup    ${users.length} users signed up with ES256 software passkeys in ${((performance.now() - registerStart) / 1000).toFixed(1)} s`);
  console.log(`run      ${settings.concurrency} concurrent login ceremonies, ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s measured\n`);
  const load = await driveLogins(client, users, { concurrency: settings.concurrency, warmupMs: settings.warmupSeconds * 1000, durationMs: settings.durationSeconds * 1000, serverPid: server.pid });
  const peakRssKiB = statusKiB(server.pid, 'VmHWM');
  measured = { load, peakRssKiB, exchange: await captureLogin(client, users[0] as (typeof users)[number]) };
  if (load.failed > 0) {
    console.error(`\n${load.failed} ceremonies failed; first: ${load.firstFailure}\nserver output (tail):\n${server.output().slice(-4000)}`);
    exitCode = 1;
  }
} finally {
  client.close();
  await server.stop();
}
if (measured !== null) {
  // Both after Sigil's server has stopped, so neither shares a core with it.
  const crypto = await measureCryptoBound(settings.cryptoIterations);
  const floor = await measureHttpFloor(measured.exchange, { port: await freePort(), concurrency: settings.concurrency, warmupMs: 1000, durationMs: Math.min(5, settings.durationSeconds) * 1000 });
  printReport({ load: measured.load, peakRssKiB: measured.peakRssKiB, crypto, floor, concurrency: settings.concurrency });
}
if (settings.cpuProfileDir) summarizeCpuProfiles(settings.cpuProfileDir);
process.exitCode = exitCode;
