import type { FastifyInstance } from 'fastify';
import { issueLoginCode, sendLoginCode, verifyLoginCode } from '../../../core/accounts/login-codes.ts';
import type { CodeChannel } from '../../../core/one-time-codes/one-time-code.ts';
import { contextOf } from '../../../http/request-context.ts';
import type { Services } from '../../../services.ts';
import { authenticateLoginIdUser } from '../authenticate.ts';
import { issueLoginIdToken, SESSION_SCOPES } from '../issue-loginid-token.ts';
import { iso } from '../mapping.ts';
import { otpSendSchema, otpVerifySchema, type OtpSendBody, type OtpVerifyBody } from '../wire.ts';

const usernameOf = (body: unknown): string | undefined => (body as { user?: { username?: string } } | undefined)?.user?.username;

/**
 * Login codes: shown to a signed-in user (auth/otp), sent by email or SMS (204 whether or not
 * the user exists), and exchanged for a token (auth/otp/verify). 6 digits, 5 minutes, 5 wrong
 * tries per code, single use: the core's one-time codes.
 */
export function registerOtpRoutes(app: FastifyInstance, services: Services): void {
  const { core } = services;

  app.post('/fido2/v2/auth/otp', { config: { rateLimit: { group: 'loginid-otp-issue' } } }, async (request) => {
    const { user, ctx } = await authenticateLoginIdUser(core, request, 'auth:write');
    const issued = await issueLoginCode(core, ctx, request.tenant, user);
    return { code: issued.code, expiresAt: iso(issued.expiresAt) };
  });

  const send = (path: string, channel: CodeChannel) =>
    app.post<{ Body: OtpSendBody }>(path, { schema: { body: otpSendSchema }, config: { rateLimit: { group: 'loginid-otp-issue', account: (r) => usernameOf(r.body) } } }, async (request, reply) => {
      await sendLoginCode(core, contextOf(request), request.tenant, request.body.user.username, channel);
      return reply.code(204).send();
    });
  send('/fido2/v2/auth/otp/email', 'email');
  send('/fido2/v2/auth/otp/sms', 'sms');

  app.post<{ Body: OtpVerifyBody }>(
    '/fido2/v2/auth/otp/verify',
    { schema: { body: otpVerifySchema }, config: { rateLimit: { group: 'loginid-otp-verify', account: (r) => usernameOf(r.body) } } },
    async (request) => {
      const user = await verifyLoginCode(core, contextOf(request), request.tenant, request.body.user.username, request.body.authCode);
      const token = await issueLoginIdToken(core, request.tenant, user, { scopes: SESSION_SCOPES, amr: ['otp'] });
      return { jwtAccess: token.token, userId: user.id };
    },
  );
}
