import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { signEs256Jwt } from '../src/crypto/sign-es256-jwt.ts';
import { PublicKeyCache } from '../src/crypto/cose/public-key-cache.ts';
import { verifyAssertion } from '../src/core/passkeys/verify-assertion.ts';
import { passkeyRecord } from '../src/testing/authenticator/passkey-record.ts';
import { SoftwareAuthenticator } from '../src/testing/authenticator/software-authenticator.ts';

export interface CryptoBound {
  /** CPU µs of `verifyAssertion` with the COSE key already cached (the server's steady state). */
  readonly verifyMicros: number;
  /** CPU µs of signing one ES256 access token, as `issueAccessToken` does (`signEs256Jwt`). */
  readonly signMicros: number;
}

async function cpuMicrosPerCall(iterations: number, run: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(1000, iterations); i++) await run(i); // JIT and caches
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await run(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
}

/**
 * The floor a login cannot go below: the two public-key operations and their parsing, in this
 * process, with nothing else around them (no HTTP, JSON bodies, storage, challenge or audit).
 * Responses are prepared beforehand so only verification is timed (as in verify-assertion.ts).
 */
export async function measureCryptoBound(iterations: number): Promise<CryptoBound> {
  const rpId = 'bench.sigil.test';
  const origin = 'https://bench.sigil.test';
  const challenge = randomBytes(32).toString('base64url');
  const authenticator = new SoftwareAuthenticator({ seed: 'crypto-bound' });
  const record = passkeyRecord(authenticator);
  const responses = Array.from({ length: iterations }, () => authenticator.authenticate({ challenge, rpId, origin }));
  const keys = new PublicKeyCache();
  const expected = { challenge, origins: [origin], rpId, userVerification: 'preferred' as const };
  const verifyMicros = await cpuMicrosPerCall(iterations, (i) => verifyAssertion(responses[i], expected, record, keys));

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Math.floor(Date.now() / 1000);
  const signMicros = await cpuMicrosPerCall(iterations, () =>
    signEs256Jwt(
      { kid: 'bench', typ: 'at+jwt' },
      { iss: 'http://localhost:8080', sub: '6f1c2c8e-0d7a-4a51-9d0e-2f1b8f7b9c11', aud: rpId, iat: now, exp: now + 900, jti: randomBytes(16).toString('base64url'), tenant: 'default', amr: ['passkey'], cred: 'x'.repeat(43) },
      privateKey,
    ));
  return { verifyMicros, signMicros };
}
