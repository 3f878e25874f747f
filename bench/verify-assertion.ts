/**
 * Micro-benchmark: CPU time of one login verification with an ES256 passkey.
 *
 *   node bench/verify-assertion.ts [iterations]
 *
 * Compares Sigil's `verifyAssertion` (node:crypto, key cached in a PublicKeyCache) with
 * SimpleWebAuthn's `verifyAuthenticationResponse` on the same response. Each call gets a fresh
 * response (a counter that grows) prepared beforehand, so only verification is timed.
 */
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { PublicKeyCache } from '../src/crypto/cose/public-key-cache.ts';
import { verifyAssertion } from '../src/core/passkeys/verify-assertion.ts';
import { passkeyRecord } from '../src/testing/authenticator/passkey-record.ts';
import { SoftwareAuthenticator } from '../src/testing/authenticator/software-authenticator.ts';

const iterations = Number(process.argv[2] ?? 20_000);
const rpId = 'login.example.com';
const origin = 'https://login.example.com';
const challenge = 'q1X2b3Y4c5Z6d7W8e9V0f1U2g3T4h5S6i7R8j9Q0k1P';

const authenticator = new SoftwareAuthenticator({ seed: 'bench' });
const record = passkeyRecord(authenticator);
const responses = Array.from({ length: iterations }, () => authenticator.authenticate({ challenge, rpId, origin }));
const keys = new PublicKeyCache();

function measure(name: string, run: (i: number) => void | Promise<void>): Promise<number> {
  return (async () => {
    for (let i = 0; i < Math.min(2000, iterations); i++) await run(i); // warm-up (JIT, key cache)
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) await run(i);
    const used = process.cpuUsage(start);
    const micros = (used.user + used.system) / iterations;
    console.log(`${name.padEnd(48)} ${micros.toFixed(1).padStart(7)} µs CPU per verification`);
    return micros;
  })();
}

const sigil = await measure('sigil verifyAssertion (cached ES256 key)', (i) => {
  verifyAssertion(responses[i], { challenge, origins: [origin], rpId, userVerification: 'preferred' }, record, keys);
});

const credential = { id: isoBase64URL.fromBuffer(Uint8Array.from(record.credentialId)), publicKey: Uint8Array.from(record.publicKey), counter: 0 };
const library = await measure('@simplewebauthn/server verifyAuthenticationResponse', async (i) => {
  const result = await verifyAuthenticationResponse({
    response: responses[i] as never,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpId,
    credential,
    requireUserVerification: false,
  });
  if (!result.verified) throw new Error('library did not verify');
});

console.log(`ratio ${(library / sigil).toFixed(1)}x (node ${process.version}, ${iterations} iterations)`);
