import { performance } from 'node:perf_hooks';
import { SoftwareAuthenticator } from '../src/testing/authenticator/software-authenticator.ts';
import { BENCH_ORIGIN, BENCH_RP_ID } from './bench-server.ts';
import type { JsonReply, KeepAliveClient } from './keep-alive-client.ts';
import { CLOCK_TICKS, coreTimes, processCpuMicros, runQueueWaitNanos } from './proc-stats.ts';

export interface BenchUser {
  readonly username: string;
  readonly authenticator: SoftwareAuthenticator;
  /** The options request body, serialized once. */
  readonly optionsBody: string;
}

export interface LoadMeasurement {
  readonly completed: number;
  readonly failed: number;
  readonly firstFailure: string | null;
  readonly wallSeconds: number;
  /** Whole-ceremony latencies (options → sign → result → token) in ms, sorted. */
  readonly latenciesMs: Float64Array;
  readonly serverCpuMicros: number;
  readonly clientCpuMicros: number;
  /** CPU time all cores spent busy in the window, whoever used it (the others' share is what is left). */
  readonly machineCpuMicros: number;
  /** Time the server's threads were runnable but waiting for a core, in the window (µs). */
  readonly serverWaitMicros: number;
}

const machineBusyMicros = (): number => (coreTimes().reduce((sum, core) => sum + core.busy, 0) * 1e6) / CLOCK_TICKS;

const ceremony = { rpId: BENCH_RP_ID, origin: BENCH_ORIGIN };

function expectOk(step: string, reply: JsonReply): Record<string, unknown> {
  if (reply.status !== 200) throw new Error(`${step}: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** `count` bench users, each with an ES256 software passkey (not yet signed up anywhere). */
export function seedUsers(count: number): BenchUser[] {
  return Array.from({ length: count }, (_, i) => {
    const username = `bench-user-${i}`;
    return { username, authenticator: new SoftwareAuthenticator({ seed: username, alg: -7 }), optionsBody: JSON.stringify({ username }) };
  });
}

/** Signs `users` up on a server through its registration ceremony, `concurrency` at a time. */
export async function registerUsers(client: KeepAliveClient, users: readonly BenchUser[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let user = users[next++]; user; user = users[next++]) {
      const reply = await client.post('/attestation/options', user.optionsBody);
      const options = expectOk('registration options', reply);
      const credential = user.authenticator.register({ challenge: options.challenge as string, ...ceremony });
      expectOk('registration result', await client.post('/attestation/result', JSON.stringify({ ...credential, session: options.session }), reply.cookie));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** The two exchanges of one login as sent and answered, for the HTTP floor (http-floor.ts). */
export interface LoginExchange {
  readonly optionsBody: string;
  readonly optionsReply: string;
  readonly resultBody: string;
  readonly resultReply: string;
}

/**
 * One complete login: options → authenticator signs → result → an access token (Sigil) or
 * `verified: true` (the reference peer, which issues no token). The options reply's cookie, if
 * any, goes with the result request; Sigil's `session` field is absent from the peer's reply.
 */
async function login(client: KeepAliveClient, user: BenchUser): Promise<LoginExchange> {
  const reply = await client.post('/assertion/options', user.optionsBody);
  const options = expectOk('assertion options', reply);
  const assertion = user.authenticator.authenticate({ challenge: options.challenge as string, ...ceremony });
  const resultBody = JSON.stringify({ ...assertion, session: options.session });
  const result = expectOk('assertion result', await client.post('/assertion/result', resultBody, reply.cookie));
  if (typeof result.accessToken !== 'string' && result.verified !== true) throw new Error('assertion result: no access token');
  return { optionsBody: user.optionsBody, optionsReply: JSON.stringify(options), resultBody, resultReply: JSON.stringify(result) };
}

/** One real login, kept: its bodies let the HTTP floor be measured with the same bytes. */
export const captureLogin = (client: KeepAliveClient, user: BenchUser): Promise<LoginExchange> => login(client, user);

/**
 * Where each worker is in its cycle through its users, kept from one round to the next, so a
 * round does not start over with the users the previous round has just logged in (with more
 * users than a round reaches, every login then names a user not seen for a whole cycle).
 */
export type LoginCursor = number[];

export const newLoginCursor = (concurrency: number): LoginCursor => new Array<number>(concurrency).fill(0);

/**
 * `concurrency` workers log in back to back, each cycling through its own users (a passkey's
 * counter moves by compare-and-set, so one passkey is never in two ceremonies at once), from
 * where `cursor` says and moving it on. After the warm-up, a window of `durationMs` counts the
 * ceremonies that finish in it, their latencies, and the CPU time the server and this client spent.
 */
export async function driveLogins(client: KeepAliveClient, users: readonly BenchUser[], options: { concurrency: number; warmupMs: number; durationMs: number; serverPid: number; cursor: LoginCursor }): Promise<LoadMeasurement> {
  // An object, so the workers' change to it is visible to the checks below.
  const run: { phase: 'warmup' | 'measuring' | 'done' } = { phase: 'warmup' };
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | null = null;
  const worker = async (w: number): Promise<void> => {
    const own = users.filter((_, i) => i % options.concurrency === w);
    while (run.phase !== 'done') {
      const n = options.cursor[w] ?? 0;
      options.cursor[w] = (n + 1) % own.length;
      const started = performance.now();
      try {
        await login(client, own[n] as BenchUser);
        if (run.phase === 'measuring') latencies.push(performance.now() - started);
      } catch (error) {
        failed++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
        if (failed > 100) run.phase = 'done';
      }
    }
  };
  const workers = Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));

  await new Promise((r) => setTimeout(r, options.warmupMs));
  const start = { wall: performance.now(), server: processCpuMicros(options.serverPid), client: process.cpuUsage(), machine: machineBusyMicros(), wait: runQueueWaitNanos(options.serverPid) };
  if (run.phase === 'warmup') run.phase = 'measuring';
  await new Promise((r) => setTimeout(r, options.durationMs));
  const wallSeconds = (performance.now() - start.wall) / 1000;
  const serverCpuMicros = processCpuMicros(options.serverPid) - start.server;
  const clientCpu = process.cpuUsage(start.client);
  const machineCpuMicros = machineBusyMicros() - start.machine;
  const serverWaitMicros = (runQueueWaitNanos(options.serverPid) - start.wait) / 1000;
  const completed = latencies.length;
  run.phase = 'done';
  await workers;
  return { completed, failed, firstFailure, wallSeconds, latenciesMs: Float64Array.from(latencies).sort(), serverCpuMicros, clientCpuMicros: clientCpu.user + clientCpu.system, machineCpuMicros, serverWaitMicros };
}
