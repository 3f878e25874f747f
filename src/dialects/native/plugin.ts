import type { FastifyInstance, FastifyRequest } from 'fastify';
import { finishPasskeyAuthentication } from '../../core/ceremonies/finish-passkey-authentication.ts';
import { finishPasskeyRegistration } from '../../core/ceremonies/finish-passkey-registration.ts';
import { startPasskeyAuthentication } from '../../core/ceremonies/start-passkey-authentication.ts';
import { startPasskeyRegistration } from '../../core/ceremonies/start-passkey-registration.ts';
import { installErrorHandler } from '../../http/error-table.ts';
import { optionalRequestBearer } from '../../http/request-bearer.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Dialect, DialectOptions } from '../dialect.ts';
import { NATIVE_ERROR_TABLE, nativeOpaque500 } from './errors.ts';
import { nativeSettings } from './settings.ts';
import { resultReply } from './mapping.ts';
import { AUTHENTICATION_COOKIE, clearSessionCookie, REGISTRATION_COOKIE, sessionOf, setSessionCookie } from './session-cookie.ts';
import {
  assertionOptionsSchema,
  attestationOptionsSchema,
  resultSchema,
  type AssertionOptionsBody,
  type AssertionOptionsReply,
  type AttestationOptionsBody,
  type AttestationOptionsReply,
  type ResultBody,
} from './wire.ts';

const usernameOf = (request: FastifyRequest): string | undefined => (request.body as { username?: string } | undefined)?.username;

/** Sigil's native API: the FIDO2 server transport binding (the FIDO conformance tool's four endpoints). */
async function nativePlugin(app: FastifyInstance, { services }: DialectOptions): Promise<void> {
  const { core } = services;
  installErrorHandler(app, NATIVE_ERROR_TABLE, nativeOpaque500);

  app.post<{ Body: AttestationOptionsBody }>(
    '/attestation/options',
    { schema: { body: attestationOptionsSchema }, config: { rateLimit: { group: 'passkey-registration', account: usernameOf } } },
    async (request, reply): Promise<AttestationOptionsReply> => {
      const bearer = await optionalRequestBearer(core, request);
      const start = await startPasskeyRegistration(core, request.tenant, request.body, { bearerUserId: bearer?.user.id ?? null, grant: request.body.registrationGrant ?? null });
      setSessionCookie(request, reply, REGISTRATION_COOKIE, start.session, request.tenant.policies.challengeTtlSeconds);
      return { status: 'ok', errorMessage: '', ...start.options, session: start.session };
    },
  );

  app.post<{ Body: ResultBody }>('/attestation/result', { schema: { body: resultSchema }, config: { rateLimit: { group: 'passkey-registration' } } }, async (request, reply) => {
    const session = sessionOf(request, request.body, REGISTRATION_COOKIE);
    clearSessionCookie(reply, REGISTRATION_COOKIE);
    const finish = await finishPasskeyRegistration(core, contextOf(request), request.tenant, session, request.body);
    return resultReply(finish, core.clock);
  });

  app.post<{ Body: AssertionOptionsBody }>(
    '/assertion/options',
    { schema: { body: assertionOptionsSchema }, config: { rateLimit: { group: 'passkey-login', account: usernameOf } } },
    async (request, reply): Promise<AssertionOptionsReply> => {
      const start = await startPasskeyAuthentication(core, request.tenant, request.body ?? {});
      setSessionCookie(request, reply, AUTHENTICATION_COOKIE, start.session, request.tenant.policies.challengeTtlSeconds);
      return { status: 'ok', errorMessage: '', ...start.options, session: start.session };
    },
  );

  app.post<{ Body: ResultBody }>('/assertion/result', { schema: { body: resultSchema }, config: { rateLimit: { group: 'passkey-login' } } }, async (request, reply) => {
    const session = sessionOf(request, request.body, AUTHENTICATION_COOKIE);
    clearSessionCookie(reply, AUTHENTICATION_COOKIE);
    const finish = await finishPasskeyAuthentication(core, contextOf(request), request.tenant, session, request.body);
    return resultReply(finish, core.clock);
  });
}

export const nativeDialect: Dialect = {
  name: 'native',
  plugin: nativePlugin,
  routes: ['POST /attestation/options', 'POST /attestation/result', 'POST /assertion/options', 'POST /assertion/result'],
  settings: nativeSettings,
};
