/**
 * End-to-end login throughput against a reference peer: `npm run bench [-- --users N --rounds R ...]`.
 *
 * Starts the real server (`node src/http/server.ts`) — by default SQLite in a temp DATA_DIR and
 * ephemeral state in memory — and the reference peer (reference-peer/peer-server.ts: Express,
 * express-session, @simplewebauthn/server, in memory), both pinned to core 0, signs the same N
 * users up with ES256 software passkeys on each, then drives complete login ceremonies at
 * concurrency C from this process on core 1 in alternating rounds (peer, Sigil, floors, peer,
 * Sigil, floors …) so machine drift hits all of them. The floors are what a login cannot go below
 * on this machine, measured in every round: the crypto alone (in-process) and two HTTP exchanges
 * on a bare node:http server (http-floor.ts). Prints each round, the medians side by side, and
 * issue 13's ratios, each taken within a round. See bench-settings.ts for the flags.
 */
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { freePort, newDataDir, startBenchServer, startScriptNodeFlags, RAISED_RATE_LIMIT, type BenchServer } from './bench-server.ts';
import { readBenchSettings } from './bench-settings.ts';
import { summarizeCpuProfiles } from './cpu-profile-summary.ts';
import { measureCryptoBound } from './crypto-bound.ts';
import { startHttpFloor, type HttpFloorServer } from './http-floor.ts';
import { isolatePostgres } from './isolate-postgres.ts';
import { createKeepAliveClient, type KeepAliveClient } from './keep-alive-client.ts';
import { captureLogin, driveLogins, newLoginCursor, registerUsers, seedUsers, type BenchUser, type LoginExchange } from './login-load.ts';
import { figuresOf, printFloorRound, printReport, printRound, type FloorFigures, type RoundFigures } from './print-report.ts';
import { describeMachine, pinSelf, statusKiB } from './proc-stats.ts';
import { seedPeerUsers } from './reference-peer/seed-peer-users.ts';
import { seedSigilUsers } from './seed-sigil-users.ts';


const settings = readBenchSettings(process.argv.slice(2), process.env);
const machine = describeMachine(); // before pinning narrows what this process sees
const clientPinned = pinSelf(1);
console.log(`machine  ${machine}, ${new Date().toISOString()}`);
// On PostgreSQL each run gets a schema of its own (dropped at the end): an earlier run's rows
// were sealed under that run's development master key and would stop the server starting.
const postgres = settings.serverEnv.DATABASE_URL ? await isolatePostgres(settings.serverEnv.DATABASE_URL) : null;
const env = postgres ? { ...settings.serverEnv, DATABASE_URL: postgres.url } : settings.serverEnv;

const users = seedUsers(settings.users);
// Above this many users, sign-up is written straight into each server's store (seed-sigil-users.ts, the peer's /bench/seed).
const BULK_SIGN_UP_ABOVE = 1000;
const bulk = users.length > BULK_SIGN_UP_ABOVE;
const dataDir = newDataDir();
const started: { server: BenchServer; client: KeepAliveClient }[] = [];
async function start(server: 'sigil' | 'peer'): Promise<{ server: BenchServer; client: KeepAliveClient }> {
  if (server === 'sigil' && bulk) {
    const setupStart = performance.now();
    await (await startBenchServer({ server, cpuProfileDir: null, env, dataDir })).stop(); // creates the default tenant
    await seedSigilUsers(dataDir, env.DATABASE_URL ?? null, users);
    console.log(`setup    ${users.length} users with ES256 passkeys written into Sigil's store through its storage code in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);
  }
  const running = await startBenchServer({ server, cpuProfileDir: server === 'sigil' ? settings.cpuProfileDir : null, env, dataDir });
  const pair = { server: running, client: createKeepAliveClient(running.url, settings.concurrency) };
  started.push(pair);
  return pair;
}

let exitCode = 0;
let measured: { peer: RoundFigures[]; sigil: RoundFigures[]; floors: FloorFigures[]; peakRssKiB: number; peerPeakRssKiB: number } | null = null;
let floorServer: HttpFloorServer | null = null;
try {
  const peer = await start('peer');
  const sigil = await start('sigil');
  const storage = postgres ? `PostgreSQL (DATABASE_URL, in a schema of this run's own: ${postgres.schema})` : 'SQLite in a temp DATA_DIR';
  const ephemeral = env.REDIS_URL ? 'Redis (REDIS_URL)' : 'memory ephemeral store';
  const pinning = sigil.server.pinned ? 'pinned to core 0 (taskset -c 0)' : 'not pinned (no taskset)';
  console.log(`sigil    node ${[...startScriptNodeFlags(), 'src/http/server.ts'].join(' ')} (as npm start runs it), ${storage}, ${ephemeral}, LOG_LEVEL=warn, ${pinning}`);
  console.log(`         rate limiter on, limits raised to ${RAISED_RATE_LIMIT.toLocaleString('en')} per window (every request is still counted)`);
  for (const [key, value] of Object.entries(settings.serverEnv)) console.log(`         ${key}=${value} (--server-env)`);
  console.log(`peer     node bench/reference-peer/peer-server.ts: Express + express-session (MemoryStore) + @simplewebauthn/server, users in a Map, ${pinning}`);
  console.log(`client   this process, ${clientPinned ? 'pinned to core 1' : `not pinned (${availableParallelism()} cores)`}; http.request over ${settings.concurrency} keep-alive sockets per server`);
  for (const [name, { client }] of [['peer', peer], ['sigil', sigil]] as const) {
    const registerStart = performance.now();
    if (bulk) {
      if (name === 'peer') await seedPeerUsers(client, users);
      console.log(`setup    ${users.length} users ${name === 'peer' ? `loaded into the peer's Map (/bench/seed) in ${((performance.now() - registerStart) / 1000).toFixed(1)} s` : 'signed up on Sigil in bulk (above)'}`);
      continue;
    }
    await registerUsers(client, users, settings.concurrency);
    console.log(`setup    ${users.length} users signed up on the ${name} with ES256 software passkeys in ${((performance.now() - registerStart) / 1000).toFixed(1)} s`);
  }
  // The floor server answers with a real login's bodies, captured from Sigil.
  const exchange: LoginExchange = await captureLogin(sigil.client, users[0] as BenchUser);
  floorServer = await startHttpFloor(exchange, { port: await freePort(), concurrency: settings.concurrency });
  console.log(`floors   each round also measures the HTTP floor (bench/bare-http-server.ts, pinned like the servers, same client and bodies) and the crypto-only bound (in this process)`);
  console.log(`run      ${settings.rounds} alternating rounds (peer, Sigil, floors), each ${settings.concurrency} concurrent login ceremonies, ${settings.warmupSeconds} s warm-up (${settings.firstWarmupSeconds} s in round 1), ${settings.durationSeconds} s measured\n`);
  const rounds = { peer: [] as RoundFigures[], sigil: [] as RoundFigures[], floors: [] as FloorFigures[] };
  const cursors = { peer: newLoginCursor(settings.concurrency), sigil: newLoginCursor(settings.concurrency) };
  for (let round = 1; round <= settings.rounds; round++) {
    const warmupMs = (round === 1 ? settings.firstWarmupSeconds : settings.warmupSeconds) * 1000;
    for (const [name, target] of [['peer', peer], ['sigil', sigil]] as const) {
      const load = await driveLogins(target.client, users, { concurrency: settings.concurrency, warmupMs, durationMs: settings.durationSeconds * 1000, serverPid: target.server.pid, cursor: cursors[name] });
      const figures = figuresOf(load);
      rounds[name].push(figures);
      printRound(round, name, figures);
      if (load.failed > 0) {
        console.error(`${load.failed} ceremonies failed on the ${name}; first: ${load.firstFailure}\nserver output (tail):\n${target.server.output().slice(-4000)}`);
        exitCode = 1;
      }
    }
    const floor = await floorServer.measure({ warmupMs, durationMs: settings.durationSeconds * 1000 });
    const crypto = await measureCryptoBound(settings.cryptoIterations);
    const floors: FloorFigures = { verifyMicros: crypto.verifyMicros, signMicros: crypto.signMicros, httpMicros: floor.microsPerLogin };
    rounds.floors.push(floors);
    printFloorRound(round, floors);
  }
  measured = { ...rounds, peakRssKiB: statusKiB(sigil.server.pid, 'VmHWM'), peerPeakRssKiB: statusKiB(peer.server.pid, 'VmHWM') };
} finally {
  floorServer?.stop();
  for (const { server, client } of started) {
    client.close();
    await server.stop();
  }
  rmSync(dataDir, { recursive: true, force: true });
  await postgres?.drop();
}
if (measured !== null) printReport({ ...measured, concurrency: settings.concurrency, onServices: postgres !== null && env.REDIS_URL !== undefined });
if (settings.cpuProfileDir) summarizeCpuProfiles(settings.cpuProfileDir);
process.exitCode = exitCode;
