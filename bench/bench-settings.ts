import { parseArgs } from 'node:util';

export interface BenchSettings {
  /** Users registered before the run; each worker logs in its own share of them in turn. */
  readonly users: number;
  /** Alternating rounds: each drives the reference peer, then Sigil, for warm-up + duration. */
  readonly rounds: number;
  /** Ceremonies in flight at once (one per worker, each on its own keep-alive socket). */
  readonly concurrency: number;
  readonly warmupSeconds: number;
  /** Round 1's warm-up, longer: each server's JIT and heap settle before anything is counted. */
  readonly firstWarmupSeconds: number;
  readonly durationSeconds: number;
  /** Iterations of the in-process crypto-only measurement. */
  readonly cryptoIterations: number;
  /** Write a V8 CPU profile of the server into this directory (node --cpu-prof). */
  readonly cpuProfileDir: string | null;
  /** Extra server environment (`--server-env KEY=VALUE`, repeatable), e.g. to compare settings. */
  readonly serverEnv: Readonly<Record<string, string>>;
}

const HELP = `npm run bench -- [--users N] [--rounds R] [--concurrency C] [--duration S] [--warmup S] [--first-warmup S] [--crypto-iterations K] [--cpu-prof DIR] [--server-env KEY=VALUE]...
  (or BENCH_USERS, BENCH_ROUNDS, BENCH_CONCURRENCY, BENCH_DURATION, BENCH_WARMUP, BENCH_FIRST_WARMUP, BENCH_CRYPTO_ITERATIONS, BENCH_CPU_PROF)`;

function positive(name: string, raw: string | undefined, fallback: number, integer = true): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${raw}\n${HELP}`);
  return value;
}

function splitAssignment(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`--server-env wants KEY=VALUE, got ${text}\n${HELP}`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** Flags win over environment variables, which win over the defaults (N=200, 3 rounds, C=16, 5 s after 2 s of warm-up, 6 s in round 1). */
export function readBenchSettings(argv: readonly string[], env: NodeJS.ProcessEnv): BenchSettings {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      users: { type: 'string' },
      rounds: { type: 'string' },
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'first-warmup': { type: 'string' },
      'crypto-iterations': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'server-env': { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const settings = {
    users: positive('users', values.users ?? env.BENCH_USERS, 200),
    rounds: positive('rounds', values.rounds ?? env.BENCH_ROUNDS, 3),
    concurrency: positive('concurrency', values.concurrency ?? env.BENCH_CONCURRENCY, 16),
    durationSeconds: positive('duration', values.duration ?? env.BENCH_DURATION, 5, false),
    warmupSeconds: positive('warmup', values.warmup ?? env.BENCH_WARMUP, 2, false),
    firstWarmupSeconds: positive('first-warmup', values['first-warmup'] ?? env.BENCH_FIRST_WARMUP, 6, false),
    cryptoIterations: positive('crypto-iterations', values['crypto-iterations'] ?? env.BENCH_CRYPTO_ITERATIONS, 5000),
    cpuProfileDir: values['cpu-prof'] ?? env.BENCH_CPU_PROF ?? null,
    serverEnv: Object.fromEntries((values['server-env'] ?? []).map(splitAssignment)),
  };
  if (settings.users < settings.concurrency) throw new Error(`users (${settings.users}) must be at least concurrency (${settings.concurrency}): one login at a time per passkey`);
  return settings;
}
