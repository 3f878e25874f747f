import type { FastifyInstance, FastifyRequest } from 'fastify';
import { enrollForUsername } from '../../core/device-keys/enroll-for-username.ts';
import { issueDeviceChallenge } from '../../core/device-keys/issue-device-challenge.ts';
import { confirmWithoutProof } from '../../core/device-keys/legacy/confirm-without-proof.ts';
import { enrollWithoutProof } from '../../core/device-keys/legacy/enroll-without-proof.ts';
import { verifyDeviceKey } from '../../core/device-keys/verify-device-key.ts';
import { installErrorHandler } from '../../http/error-table.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Dialect, DialectOptions } from '../dialect.ts';
import { InputError } from '../input-error.ts';
import { missingFields } from './missing-fields.ts';
import { actorOf, enrollmentAuthorityOf } from './enrollment-authority.ts';
import { BIOKEY_ERROR_TABLE, bioKeyOpaque500 } from './errors.ts';
import * as map from './mapping.ts';
import { readJsonLeniently } from './read-json-leniently.ts';
import { bioKeySettings, bioKeySettingsOf, type BioKeySettings } from './settings.ts';
import * as wire from './wire.ts';

type EnrollRequest = FastifyRequest<{ Body: wire.EnrollBody }>;
type VerifyRequest = FastifyRequest<{ Body: wire.VerifyBody }>;

/** The tenant serves BioKey v0.1.0 literally, and this request asks for nothing more. */
function isLegacy(request: EnrollRequest | VerifyRequest): boolean {
  const asked = map.hasProof(request.body) || request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined;
  return bioKeySettingsOf(request.tenant).insecureLegacyMode && !asked;
}

/**
 * BioKey Server (seed 000): `GET /`, `GET /challenge`, `GET /challenge/:userId`, `POST /enroll`,
 * `POST /verify`. Secure by default: the key is Ed25519 or, as BioKey's SDK 0.1.1 enrolls, the
 * attested WebAuthn credential; `/verify` needs proof of possession, and a new userId enrolled
 * without authority stays provisional until its first proof. v0.1.0's proof-free behaviour
 * only under the tenant's insecure legacy switch.
 */
export async function bioKeyPlugin(app: FastifyInstance, opts: DialectOptions): Promise<void> {
  const { core } = opts.services;
  installErrorHandler(app, BIOKEY_ERROR_TABLE, bioKeyOpaque500);
  readJsonLeniently(app);

  app.get('/', async () => wire.SERVER_INFO);

  // v0.1.0: a challenge for whoever proves possession first (it binds to no user until then).
  app.get('/challenge', async (request) => {
    const issued = await issueDeviceChallenge(core, request.tenant, { handle: 'value' });
    return { challenge: issued.handle };
  });

  // Hardened release: a challenge only the named userId may answer.
  app.get<{ Params: { userId: string } }>('/challenge/:userId', {
    schema: { params: wire.CHALLENGE_PARAMS },
    schemaErrorFormatter: missingFields('Valid userId required'),
    config: { rateLimit: { group: 'biokey-challenge', account: (r) => (r.params as { userId?: string }).userId } },
  }, async (request) => {
    const issued = await issueDeviceChallenge(core, request.tenant, { account: { username: request.params.userId }, handle: 'value' });
    return { challenge: issued.handle };
  });

  app.post<{ Body: wire.EnrollBody }>('/enroll', {
    schema: { body: wire.ENROLL_BODY },
    schemaErrorFormatter: missingFields(wire.ENROLL_MISSING),
    config: { rateLimit: { group: 'biokey-enroll', account: (r) => (r.body as wire.EnrollBody | undefined)?.userId } },
  }, async (request) => {
    const { body, tenant } = request;
    if (isLegacy(request)) {
      await enrollWithoutProof(core, contextOf(request), tenant, { ...map.legacyEnrollmentOf(body), insecureSwitchOn: bioKeySettingsOf(tenant).insecureLegacyMode });
      return map.enrollResponseOf(body);
    }
    const draft = map.enrollmentDraftOf(body);
    const authority = await enrollmentAuthorityOf(core, request);
    // A new userId enrolled without authority is held provisionally; the answer is the same.
    await enrollForUsername(core, contextOf(request, actorOf(authority)), tenant, { ...draft, authority });
    return map.enrollResponseOf(body);
  });

  app.post<{ Body: wire.VerifyBody }>('/verify', {
    schema: { body: wire.VERIFY_BODY },
    schemaErrorFormatter: missingFields(wire.VERIFY_MISSING),
    config: { rateLimit: { group: 'biokey-verify', account: (r) => (r.body as wire.VerifyBody | undefined)?.userId } },
  }, async (request) => {
    const { body, tenant } = request;
    if (isLegacy(request)) {
      const input = { username: body.userId, challengeHandle: map.challengeHandleOf(body.challenge), insecureSwitchOn: bioKeySettingsOf(tenant).insecureLegacyMode };
      const confirmed = await confirmWithoutProof(core, contextOf(request), tenant, input);
      return map.legacyVerifyResponseOf(body.userId, confirmed.credential, confirmed.identityValue);
    }
    const attempt = map.possessionAttemptOf(body.userId, body);
    if (attempt === null) throw new InputError(wire.VERIFY_MISSING_PROOF, 'no proof of possession');
    const result = await verifyDeviceKey(core, contextOf(request), tenant, attempt);
    return map.verifyResponseOf(body.userId, result);
  });
}

export const bioKeyDialect: Dialect<BioKeySettings> = {
  name: 'biokey',
  plugin: bioKeyPlugin,
  routes: ['GET /', 'GET /challenge', 'GET /challenge/:userId', 'POST /enroll', 'POST /verify'],
  settings: bioKeySettings,
};
