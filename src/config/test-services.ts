/**
 * Which external services a test run has been given (read here because configuration is the one
 * place that reads the environment). Suites that need a service run when its URL is set, print a
 * visible skip line otherwise, and fail instead when TEST_REQUIRE_SERVICES=1 (as CI sets it).
 */
export interface TestServiceSettings {
  readonly databaseUrl: string | null;
  readonly redisUrl: string | null;
  readonly required: boolean;
  /** Runs of each property of the route fuzzer (`FUZZ_RUNS`, default 40: a fixed-seed pass in CI). */
  readonly fuzzRuns: number;
  /** Seed of the route fuzzer (`FUZZ_SEED`, default fixed so CI runs are reproducible). */
  readonly fuzzSeed: number;
}

export function testServiceSettings(env: Readonly<Record<string, string | undefined>> = process.env): TestServiceSettings {
  const text = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());
  const whole = (v: string | undefined, fallback: number): number => (v !== undefined && /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : fallback);
  return {
    databaseUrl: text(env.TEST_DATABASE_URL),
    redisUrl: text(env.TEST_REDIS_URL),
    required: env.TEST_REQUIRE_SERVICES === '1',
    fuzzRuns: Math.max(1, whole(env.FUZZ_RUNS, 40)),
    fuzzSeed: whole(env.FUZZ_SEED, 20261206),
  };
}
