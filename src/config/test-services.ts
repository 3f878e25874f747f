/**
 * Which external services a test run has been given (read here because configuration is the one
 * place that reads the environment). Suites that need a service run when its URL is set, print a
 * visible skip line otherwise, and fail instead when TEST_REQUIRE_SERVICES=1 (as CI sets it).
 */
export interface TestServiceSettings {
  readonly databaseUrl: string | null;
  readonly redisUrl: string | null;
  readonly required: boolean;
}

export function testServiceSettings(env: Readonly<Record<string, string | undefined>> = process.env): TestServiceSettings {
  const text = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());
  return { databaseUrl: text(env.TEST_DATABASE_URL), redisUrl: text(env.TEST_REDIS_URL), required: env.TEST_REQUIRE_SERVICES === '1' };
}
