import { isIP } from 'node:net';
import { isValidOrigin, isValidRpId } from '../core/tenant.ts';
import { DIALECT_NAMES, isDialectName, type DialectName } from '../core/tenant-dialects.ts';
import { isLoginIdAppId } from '../dialects/loginid/settings.ts';
import { boolean, derived, integer, oneOf, optionalText, text, type Setting } from './setting.ts';

const portOf = (env: Readonly<Record<string, string | undefined>>): string => {
  const p = env.PORT?.trim();
  return p && /^\d+$/.test(p) ? p : '8080';
};

const httpUrl = (v: string): string | null => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? null : 'must be an http(s) URL';
  } catch {
    return 'must be an http(s) URL';
  }
};

function smtpUrlProblem(v: string): string | null {
  try {
    const u = new URL(v);
    if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') return 'must be an smtp:// or smtps:// URL';
    return u.hostname === '' ? 'must name a host' : null;
  } catch {
    return 'must be an smtp:// or smtps:// URL';
  }
}

/** The address of `codes@example.com` or `Name <codes@example.com>`. */
function mailFromAddress(raw: string): string {
  const address = /<([^<>]+)>\s*$/.exec(raw)?.[1]?.trim() ?? raw;
  if (!/^[^\s@<>()",;:\\[\]]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/.test(address)) throw new Error('must be an email address');
  return address;
}

/** `DIALECTS`: known names, each once; null when unset (see the setting's description). */
function parseDialectNames(raw: string | undefined): readonly DialectName[] | null {
  if (raw === undefined) return null;
  const list = raw.split(',').map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  if (list.length === 0) throw new Error(`must name at least one dialect (${DIALECT_NAMES.join(', ')})`);
  const unknown = list.filter((v) => !isDialectName(v));
  if (unknown.length > 0) throw new Error(`unknown dialect ${unknown.join(', ')} (valid: ${DIALECT_NAMES.join(', ')})`);
  return Object.freeze([...new Set(list)] as DialectName[]);
}

/** `METRICS_PORT`: a TCP port other than PORT (0 picks a free one); null when unset. */
function parseMetricsPort(raw: string | undefined, env: Readonly<Record<string, string | undefined>>): number | null {
  if (raw === undefined) return null;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`must be a TCP port from 0 to 65535 (got ${JSON.stringify(raw)})`);
  if (port !== 0 && String(port) === portOf(env)) throw new Error('must differ from PORT');
  return port;
}

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseTrustProxy(raw: string | undefined): false | readonly string[] {
  if (raw === undefined || /^(false|0|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) throw new Error("true would let any client choose its IP; list the proxies' addresses");
  if (/^\d+$/.test(raw)) throw new Error("a hop count cannot tell a proxy from a client; list the proxies' addresses");
  const list = raw.split(',').map((v) => v.trim()).filter((v) => v !== '');
  const bad = list.filter((v) => !isAddressOrCidr(v));
  if (bad.length > 0) throw new Error(`not addresses or CIDRs: ${bad.join(', ')}`);
  return Object.freeze(list);
}

function isAddressOrCidr(value: string): boolean {
  if (NAMED_RANGES.has(value)) return true;
  const [address = '', bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/**
 * Every setting Sigil reads, with its default and meaning. The README's configuration table is
 * generated from this list (`npm run docs:config`) and a test keeps the two in step.
 */
export const SETTINGS = {
  host: text('HOST', '127.0.0.1', 'Interface the HTTP server listens on.'),
  port: integer('PORT', 8080, 0, 65535, 'TCP port of the HTTP server (0 picks a free port).'),
  publicUrl: derived('PUBLIC_URL', '`http://localhost:<PORT>`', 'Public base URL; the `iss` of access tokens (per-tenant issuers append `/t/<slug>`).', (raw, env) => {
    const v = (raw ?? `http://localhost:${portOf(env)}`).replace(/\/+$/, '');
    const problem = httpUrl(v);
    if (problem) throw new Error(problem);
    return v;
  }),
  dataDir: text('DATA_DIR', './data', 'Directory for the SQLite database and, without MASTER_KEY, the development master key.'),
  databaseUrl: optionalText('DATABASE_URL', 'Set to `postgres://…` to keep durable data in PostgreSQL instead of `DATA_DIR/sigil.db`.', (v) =>
    /^postgres(ql)?:\/\//.test(v) ? null : 'must be a postgres:// URL', 'unset (SQLite)'),
  databaseConnectTimeoutSeconds: integer('DATABASE_CONNECT_TIMEOUT_SECONDS', 2, 1, 60, 'With PostgreSQL: how long a request may wait to connect, or for a free pooled connection, before it fails with 503 and `Retry-After`.'),
  databaseStatementTimeoutSeconds: integer('DATABASE_STATEMENT_TIMEOUT_SECONDS', 5, 1, 600, 'With PostgreSQL: the longest one statement may run (`statement_timeout`) or go unanswered (a stalled server or network), after which the request fails with 503 and `Retry-After` and the connection is replaced.'),
  databasePoolSize: integer('DATABASE_POOL_SIZE', 10, 1, 1000, 'With PostgreSQL: connections each node keeps at most.'),
  databasePoolQueue: integer('DATABASE_POOL_QUEUE', 200, 0, 100_000, 'With PostgreSQL: how many requests may wait for a connection when all are busy; past it, a request fails at once with 503 instead of piling up.'),
  sqliteExclusiveLock: boolean('SQLITE_EXCLUSIVE_LOCK', true, 'With SQLite: the server holds the database file exclusively while it runs, which saves lock system calls on every query and lets rows be read without a column-name string per row. Other processes (the CLI) then cannot open it until the server stops; set false to allow that.'),
  redisUrl: optionalText('REDIS_URL', 'Set to `redis://…` to keep challenges, counters and codes in Redis (shared by every node) instead of memory.', (v) =>
    /^rediss?:\/\//.test(v) ? null : 'must be a redis:// or rediss:// URL', 'unset (memory)'),
  redisKeyPrefix: text('REDIS_KEY_PREFIX', 'sigil:', 'Prefix of every Redis key, so deployments can share a server.'),
  rpId: text('RP_ID', 'localhost', 'WebAuthn relying-party ID of the default tenant (a domain, no scheme or port).', (v) =>
    isValidRpId(v) ? null : 'must be a lower-case domain name such as example.com'),
  rpName: text('RP_NAME', 'Sigil', 'Relying-party name of the default tenant, shown by authenticators.'),
  origins: derived('ORIGINS', '`http://localhost:<PORT>`', 'Comma-separated origins allowed for the default tenant (web origins and `android:apk-key-hash:<base64url>` app origins); also its CORS allow-list.', (raw, env) => {
    const list = (raw ?? `http://localhost:${portOf(env)}`).split(',').map((o) => o.trim()).filter((o) => o !== '');
    const bad = list.filter((o) => !isValidOrigin(o));
    if (list.length === 0) throw new Error('must list at least one origin');
    if (bad.length > 0) throw new Error(`not valid origins: ${bad.join(', ')}`);
    return Object.freeze(list);
  }),
  adminApiKey: optionalText('ADMIN_API_KEY', 'A management key with every scope for the default tenant. Unset on the first start: one is generated, stored hashed and printed once.', (v) =>
    v.length >= 32 ? null : 'must be at least 32 characters (generate one with `openssl rand -base64 32`)', 'unset (generated)'),
  masterKey: optionalText('MASTER_KEY', 'Base64 of 32 random bytes that seal private keys and backups at rest. Unset: a development key is created in DATA_DIR, with a loud warning.', (v) =>
    Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v) ? null : 'must be base64 of exactly 32 bytes (`openssl rand -base64 32`)'),
  requireMasterKey: boolean('REQUIRE_MASTER_KEY', false, 'Refuse to start without MASTER_KEY (set it in production).'),
  logLevel: oneOf('LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'Minimum level of the JSON logs.'),
  trustProxy: derived('TRUST_PROXY', '`false`', 'Which proxies may tell the client IP in `X-Forwarded-For`: `false`, or their addresses/CIDRs, comma-separated (`loopback`, `linklocal`, `uniquelocal` name the usual ranges). `true` (trust every hop) is refused: it lets clients choose their own IP.', (raw) => parseTrustProxy(raw)),
  bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 50 * 1_048_576, 'Largest accepted request body.'),
  userVerification: oneOf('USER_VERIFICATION', 'preferred', ['required', 'preferred', 'discouraged'], 'Default tenant: user-verification policy of passkey ceremonies.'),
  attestation: oneOf('ATTESTATION', 'none', ['none', 'indirect', 'direct', 'enterprise'], 'Default tenant: attestation conveyance requested at registration.'),
  challengeTtlSeconds: integer('CHALLENGE_TTL_SECONDS', 300, 10, 3600, 'Default tenant: lifetime of a challenge.'),
  accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86400, 'Default tenant: lifetime of an access token.'),
  allowSignUp: boolean('ALLOW_SIGN_UP', true, 'Default tenant: a registration ceremony for an unknown username creates the user.'),
  insecureOpenRegistration: boolean('INSECURE_OPEN_REGISTRATION', false, 'Default tenant: anyone may add a passkey to an existing username (only for the FIDO conformance tool; never in production).'),
  insecureAllowLoginWithoutUserPresence: boolean('INSECURE_ALLOW_LOGIN_WITHOUT_USER_PRESENCE', false, 'Default tenant: accept login assertions without the UP (user present) flag, against WebAuthn (only for the FIDO conformance tool; never in production). Logged at every start and shown in `/ready`.'),
  rateLimitEnabled: boolean('RATE_LIMIT_ENABLED', true, 'Apply the per-IP and per-account rate limits.'),
  rateLimitWindowSeconds: integer('RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86400, 'Length of a rate-limit window.'),
  rateLimitPerIp: integer('RATE_LIMIT_PER_IP', 600, 1, 100_000_000, 'Requests per window from one client IP to one tenant, per route group.'),
  rateLimitPerAccount: integer('RATE_LIMIT_PER_ACCOUNT', 60, 1, 100_000_000, 'Requests per window naming one account (username, user or device), per route group.'),
  ephemeralMaxEntries: integer('EPHEMERAL_MAX_ENTRIES', 200_000, 100, 100_000_000, 'Cap of each pool of the in-memory ephemeral store (values such as challenges; counters): past it new challenges are refused (503) instead of exhausting memory, and rate limiting lets requests through (logged).'),
  credentialCacheSize: integer('CREDENTIAL_CACHE_SIZE', 10_000, 0, 10_000_000, 'Users whose passkeys each node keeps in memory for logins (least recently used go first, by a second-chance approximation; about 3.5 KB of heap each); 0 turns the cache off. Every change of a user or credential drops the copies, on every node when REDIS_URL is set (a version stamp per user in Redis), except a login\'s counter move: the compare-and-set in the database judges counters, and a node whose copy is behind reads it again.'),
  publicKeyCacheSize: integer('PUBLIC_KEY_CACHE_SIZE', 10_000, 1, 10_000_000, 'Imported public keys each node keeps for signature checks, per pool (passkeys; device keys), least recently used first out (second-chance approximation). A key is kept from its second use while the first is remembered (as many recent record ids as this); a key used once is imported and dropped. Each kept key costs about 2.3 KB of memory outside the JS heap (an OpenSSL key object); a miss costs one key import (about 20 µs).'),
  signingKeyRefreshSeconds: integer('SIGNING_KEY_REFRESH_SECONDS', 60, 1, 3600, 'How often a node re-reads signing keys (rotations made elsewhere).'),
  tenantRefreshSeconds: integer('TENANT_REFRESH_SECONDS', 30, 1, 3600, 'How often a node re-reads tenants (changes made elsewhere).'),
  shutdownTimeoutSeconds: integer('SHUTDOWN_TIMEOUT_SECONDS', 9, 1, 60, 'On SIGTERM, how long in-flight requests may finish before the process exits anyway.'),
  consoleIdleTimeoutSeconds: integer('CONSOLE_IDLE_TIMEOUT_SECONDS', 900, 60, 86_400, 'Console: a session without a request for this long ends (sign in again); however active, a session ends 12 hours after sign-in.'),
  consoleEnrollmentTtlSeconds: integer('CONSOLE_ENROLLMENT_TTL_SECONDS', 86_400, 300, 2_592_000, 'Console: lifetime of a one-time operator enrollment link (the one printed at the first start, and those made by `npm run cli -- console-link`).'),
  metricsToken: optionalText('METRICS_TOKEN', 'Bearer token that `GET /metrics` (Prometheus) requires. Set, metrics are collected and served on PORT to whoever presents it (compared in constant time). Unset and METRICS_PORT unset: no metrics are collected and `/metrics` is a 404.', (v) =>
    /^\S{32,}$/.test(v) ? null : 'must be at least 32 characters without spaces (generate one with `openssl rand -base64 32`)'),
  metricsPort: derived('METRICS_PORT', 'unset', 'Serve `/metrics` on this port of HOST instead of PORT (a listener with nothing else; 0 picks a free port). Set, metrics are collected; with METRICS_TOKEN also set, that listener requires the token too.', (raw, env) =>
    parseMetricsPort(raw, env)),
  mdsBlobPath: optionalText('MDS_BLOB_PATH', 'A FIDO MDS3 metadata BLOB (the JWT file from mds3.fidoalliance.org, downloaded beforehand; nothing is fetched). Verified at start-up: its signer chain must reach MDS_ROOT_CERT_PATH and be valid now, else Sigil does not start; past its `nextUpdate` it still loads, with a warning. Its roots anchor attestation chains and its status reports refuse compromised or revoked authenticators.'),
  mdsRootCertPath: optionalText('MDS_ROOT_CERT_PATH', 'PEM or DER root certificate the MDS BLOB must chain to.', undefined, 'GlobalSign Root CA - R3 (the FIDO Alliance root, shipped in `src/passkeys/roots/`)'),
  crlPaths: derived('CRL_PATHS', 'unset', 'Comma-separated CRL files (DER or PEM), read at start-up and never fetched: checked against the MDS BLOB signer chain and against attestation certificate chains (a CRL counts only for the CA that signed it).', (raw) =>
    Object.freeze((raw ?? '').split(',').map((p) => p.trim()).filter((p) => p !== ''))),
  unanchoredAttestation: oneOf('UNANCHORED_ATTESTATION', 'accept', ['accept', 'refuse'], 'What registration does with an attestation certificate chain that reaches no known root (FIDO metadata or the default roots Sigil ships): `accept` stores it as untrusted; `refuse` fails the ceremony (what FIDO certification expects with a metadata BLOB loaded). `none` and self attestation are not affected.'),
  dialects: derived('DIALECTS', 'unset (`native`)', 'Default tenant: the APIs it serves, comma-separated (`native`, `biokey`, `swapbits`, `duo`, `appkey`, `loginid`); every other dialect answers 404 there. Set, it is applied at every start; unset, a new default tenant serves `native` only and an existing one keeps the dialects it has (tenants from before dialects were switches serve all four). Each enabled dialect takes its settings below (`BIOKEY_*`, `DUO_*`, `LOGINID_APP_ID`, `APPKEY_*`) at every start.', (raw) => parseDialectNames(raw)),
  idpIssuer: optionalText('IDP_ISSUER', 'Default tenant: issuer (`iss`) of a trusted external identity provider whose access tokens are accepted.'),
  idpAudience: optionalText('IDP_AUDIENCE', 'Default tenant: audience the external tokens must carry (e.g. the API identifier).'),
  idpJwksUrl: optionalText('IDP_JWKS_URL', 'Default tenant: JWKS URL of the external identity provider.', httpUrl),
  duoHookSecret: optionalText('DUO_HOOK_SECRET', 'Default tenant, dialect `duo`: bearer secret the Duo MPC node presents on `/hooks/*`; unset, the hooks refuse every call.', (v) =>
    v.length >= 16 ? null : 'must be at least 16 characters'),
  faceTecUrl: optionalText('FACETEC_URL', 'Default tenant: base URL of the FaceTec Server used for face step-up.', httpUrl),
  faceTecDeviceKey: optionalText('FACETEC_DEVICE_KEY', 'Default tenant: FaceTec device key identifier sent as `X-Device-Key`.'),
  faceTecMinMatchLevel: integer('FACETEC_MIN_MATCH_LEVEL', 10, 0, 15, 'Default tenant: lowest FaceTec 3D-3D match level that passes.'),
  codeIssueLimitPerClientHour: integer('CODE_ISSUE_LIMIT_PER_CLIENT_HOUR', 30, 1, 1_000_000, 'One-time codes issued per hour at the request of one client IP, across subjects (raise it when many users share one address).'),
  codeIssueLimitPerTenantHour: integer('CODE_ISSUE_LIMIT_PER_TENANT_HOUR', 1000, 1, 100_000_000, 'One-time codes issued per hour in one tenant: caps what a flood of invented accounts can cost in email and SMS.'),
  smtpUrl: optionalText('SMTP_URL', 'SMTP server that sends one-time codes by email: `smtp://user:pass@host:587` (STARTTLS required unless the host is loopback; `?requireTLS=false` allows cleartext) or `smtps://user:pass@host:465` (TLS from the start); URL-encode special characters of the credentials. Unset: email codes are not offered. Needs MAIL_FROM.', (v) =>
    smtpUrlProblem(v), 'unset (no email)'),
  mailFrom: derived('MAIL_FROM', 'unset', 'Address email codes are sent from (`codes@example.com`; a `Name <address>` form is accepted, but the display name is always the tenant\'s RP name).', (raw) =>
    raw === undefined ? null : mailFromAddress(raw)),
  twilioAccountSid: optionalText('TWILIO_ACCOUNT_SID', 'Twilio account SID (`AC` + 32 hex digits) for one-time codes by SMS through Twilio\'s Messages API. Unset: SMS codes are not offered. Needs TWILIO_AUTH_TOKEN and TWILIO_FROM.', (v) =>
    /^AC[0-9a-fA-F]{32}$/.test(v) ? null : 'must be AC followed by 32 hex digits', 'unset (no SMS)'),
  twilioAuthToken: optionalText('TWILIO_AUTH_TOKEN', 'Auth token of the Twilio account, sent as the basic-auth password.', (v) =>
    /^\S{16,}$/.test(v) ? null : 'must be at least 16 characters without spaces'),
  twilioFrom: optionalText('TWILIO_FROM', 'Sender of SMS codes: a Twilio number in E.164 form (`+15005550006`) or an alphanumeric sender ID (up to 11 letters, digits and spaces).', (v) =>
    /^\+[1-9]\d{6,14}$/.test(v) || /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(v) ? null : 'must be an E.164 phone number or an alphanumeric sender ID of up to 11 characters'),
  twilioApiUrl: text('TWILIO_API_URL', 'https://api.twilio.com', 'Base URL of Twilio\'s REST API (tests point it at a local fake).', httpUrl),
  biokeyInsecureLegacyMode: boolean('BIOKEY_INSECURE_LEGACY_MODE', false, 'Default tenant, dialect `biokey`: serve BioKey v0.1.0 literally (`/verify` without proof of possession, `/enroll` overwrites). Insecure; logged at every start and shown in `/ready`.'),
  loginidAppId: optionalText('LOGINID_APP_ID', 'Default tenant, dialect `loginid`: the LoginID app id (a UUID) its clients send as `app.id`. Required when `DIALECTS` names `loginid` (the start is refused without it); the dialect itself is turned on by `DIALECTS`.', (v) =>
    isLoginIdAppId(v) ? null : 'must be a UUID'),
  appKeyAppToken: optionalText('APPKEY_APP_TOKEN', 'Default tenant, dialect `appkey`: the AppKey app token the mobile app ships (`app-token` header); stored hashed. Unset: every `/api/appuser` route refuses with AppKey code 400.', (v) =>
    v.length >= 16 ? null : 'must be at least 16 characters'),
  appKeySignup: oneOf('APPKEY_SIGNUP', 'open', ['open', 'invite'], 'Default tenant, dialect `appkey`: whether AppKey `signup` is open to anyone (`invite`: refused with code 407).'),
  appKeyAnonymousLogin: boolean('APPKEY_ANONYMOUS_LOGIN', false, 'Default tenant, dialect `appkey`: allow AppKey anonymous login (`ANON_<uuid>` handles); off: code 414.'),
  appKeyUserNames: boolean('APPKEY_USER_NAMES', false, 'Default tenant, dialect `appkey`: AppKey users may pick a user name (`setUserName`) and log in with it; off: code 606.'),
  appKeyHandleType: oneOf('APPKEY_HANDLE_TYPE', 'email', ['email', 'phone', 'both'], 'Default tenant, dialect `appkey`: what an AppKey handle is (signup codes go by e-mail or SMS accordingly).'),
  appKeyJwtTtlHours: integer('APPKEY_JWT_TTL_HOURS', 24, 1, 8760, 'Default tenant, dialect `appkey`: lifetime in hours of the RS256 `jwt` in AppKey user objects (`userJWTExpiration`).'),
  appKeyGoogleClientId: optionalText('APPKEY_GOOGLE_CLIENT_ID', 'Default tenant, dialect `appkey`: OAuth client id Google ID tokens must be issued to (AppKey social login); unset: Google login refused with code 416.'),
  appKeyAppleBundleId: optionalText('APPKEY_APPLE_BUNDLE_ID', 'Default tenant, dialect `appkey`: bundle id Apple ID tokens must be issued to (AppKey social login); unset: Apple login refused with code 415.'),
  googleJwksUrl: text('GOOGLE_JWKS_URL', 'https://www.googleapis.com/oauth2/v3/certs', 'Where Google ID tokens\' signing keys are fetched (cached) for social login.', httpUrl),
  appleJwksUrl: text('APPLE_JWKS_URL', 'https://appleid.apple.com/auth/keys', 'Where Apple ID tokens\' signing keys are fetched (cached) for social login.', httpUrl),
} satisfies Record<string, Setting<unknown>>;

export type SettingKey = keyof typeof SETTINGS;
export type Config = { readonly [K in SettingKey]: ReturnType<(typeof SETTINGS)[K]['parse']> };
