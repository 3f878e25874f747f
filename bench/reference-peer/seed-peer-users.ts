import type { KeepAliveClient } from '../keep-alive-client.ts';
import type { BenchUser } from '../login-load.ts';

/** Fits express.json()'s default 100 kB body limit. */
const BATCH = 250;

/** Loads `users` into the peer's Map in bulk (its bench-only /bench/seed route). */
export async function seedPeerUsers(client: KeepAliveClient, users: readonly BenchUser[]): Promise<void> {
  for (let start = 0; start < users.length; start += BATCH) {
    const batch = users.slice(start, start + BATCH).map(({ username, authenticator }) => ({
      username,
      id: Buffer.from(authenticator.credentialId).toString('base64url'),
      publicKey: Buffer.from(authenticator.key.cose).toString('base64url'),
    }));
    const reply = await client.post('/bench/seed', JSON.stringify(batch));
    if (reply.status !== 200) throw new Error(`peer seed: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}
