/**
 * The reference peer of issue 13: the passkey server a TypeScript developer writes by following
 * SimpleWebAuthn's documented usage — Express, express-session's MemoryStore holding the
 * challenge, `@simplewebauthn/server` generating options and verifying responses, users in a
 * Map, no persistence and no token. It answers the routes and bodies the bench client drives
 * (`/attestation/options|result`, `/assertion/options|result`), so both servers see the same load.
 *
 *   PORT=… RP_ID=… ORIGIN=… node bench/reference-peer/peer-server.ts
 */
import express from 'express';
import session from 'express-session';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';

declare module 'express-session' {
  interface SessionData {
    currentChallenge?: string;
    username?: string;
  }
}

interface PeerUser {
  readonly id: string;
  readonly username: string;
  readonly credentials: WebAuthnCredential[];
}

const { PORT, RP_ID, ORIGIN } = process.env;
if (!PORT || !RP_ID || !ORIGIN) throw new Error('PORT, RP_ID and ORIGIN are required');
const rpID = RP_ID;
const expectedOrigin = ORIGIN;

const users = new Map<string, PeerUser>();

const app = express();
app.use(express.json());
app.use(session({ secret: 'reference-peer-secret', saveUninitialized: true, resave: false, cookie: { maxAge: 86_400_000, httpOnly: true } }));

app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});

app.post('/attestation/options', async (req, res) => {
  const username = String(req.body.username);
  const user = users.get(username) ?? { id: crypto.randomUUID(), username, credentials: [] };
  users.set(username, user);
  const options = await generateRegistrationOptions({
    rpName: 'Reference peer',
    rpID,
    userName: username,
    attestationType: 'none',
    excludeCredentials: user.credentials.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  req.session.currentChallenge = options.challenge;
  req.session.username = username;
  res.json(options);
});

app.post('/attestation/result', async (req, res) => {
  const user = users.get(req.session.username ?? '');
  const expectedChallenge = req.session.currentChallenge;
  if (!user || !expectedChallenge) return void res.status(400).json({ error: 'no registration in progress' });
  try {
    const verification = await verifyRegistrationResponse({ response: req.body, expectedChallenge, expectedOrigin, expectedRPID: rpID, requireUserVerification: false });
    if (!verification.verified || !verification.registrationInfo) return void res.status(400).json({ error: 'not verified' });
    user.credentials.push(verification.registrationInfo.credential);
    req.session.currentChallenge = undefined;
    res.json({ status: 'ok', verified: true });
  } catch (error) {
    res.status(400).json({ error: (error as Error).message });
  }
});

app.post('/assertion/options', async (req, res) => {
  const username = String(req.body.username);
  const user = users.get(username);
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials: (user?.credentials ?? []).map((c) => ({ id: c.id, transports: c.transports })),
    userVerification: 'preferred',
  });
  req.session.currentChallenge = options.challenge;
  req.session.username = username;
  res.json(options);
});

app.post('/assertion/result', async (req, res) => {
  const user = users.get(req.session.username ?? '');
  const expectedChallenge = req.session.currentChallenge;
  const credential = user?.credentials.find((c) => c.id === req.body.id);
  if (!user || !expectedChallenge || !credential) return void res.status(400).json({ error: 'no login in progress' });
  try {
    const verification = await verifyAuthenticationResponse({ response: req.body, expectedChallenge, expectedOrigin, expectedRPID: rpID, credential, requireUserVerification: false });
    if (!verification.verified) return void res.status(400).json({ error: 'not verified' });
    credential.counter = verification.authenticationInfo.newCounter;
    req.session.currentChallenge = undefined;
    res.json({ status: 'ok', verified: true });
  } catch (error) {
    res.status(400).json({ error: (error as Error).message });
  }
});

// Bench only, not part of the documented usage: large N are loaded in bulk instead of through
// registration ceremonies (the records are what `verifyRegistrationResponse` would have given).
app.post('/bench/seed', (req, res) => {
  for (const { username, id, publicKey } of req.body as { username: string; id: string; publicKey: string }[]) {
    users.set(username, { id: crypto.randomUUID(), username, credentials: [{ id, publicKey: new Uint8Array(Buffer.from(publicKey, 'base64url')), counter: 0, transports: ['internal'] }] });
  }
  res.json({ status: 'ok', users: users.size });
});

app.listen(Number(PORT), '127.0.0.1', () => console.log(`reference peer listening on ${PORT}`));
