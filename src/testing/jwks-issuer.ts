import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

export interface TestIssuer {
  /** The issuer URL (also the base of the JWKS URL). */
  readonly issuer: string;
  readonly jwksUrl: string;
  /** Signs a token; `exp` defaults to an hour after `iat`, `iat` to `now`. */
  sign(claims: JWTPayload, options?: { now?: number; kid?: string; alg?: string }): Promise<string>;
  /** How many times the JWKS was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

/**
 * A local OpenID-style issuer for tests: an RS256 key whose JWKS is served over real HTTP on a
 * loopback port, and a signer for tokens with any claims (expired, wrong audience, …).
 */
export async function startTestIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json') {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    issuer,
    jwksUrl: `${issuer}.well-known/jwks.json`,
    async sign(claims, options = {}) {
      const iat = Math.floor((options.now ?? Date.now()) / 1000);
      return new SignJWT({ iat, exp: iat + 3600, iss: issuer, ...claims })
        .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'test-key-1' })
        .sign(privateKey);
    },
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
