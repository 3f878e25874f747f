import type { FastifyInstance } from 'fastify';
import { confirmContactVerification, requestContactVerification, setContactAddress } from '../../../core/accounts/contact-addresses.ts';
import { deleteAccount } from '../../../core/accounts/delete-account.ts';
import { DomainError } from '../../../core/errors.ts';
import type { CodeChannel } from '../../../core/one-time-codes/one-time-code.ts';
import { contextOf } from '../../../http/request-context.ts';
import type { Services } from '../../../services.ts';
import { authenticateLoginIdManager } from '../authenticate.ts';
import { idParams, profileEmailDeleteSchema, profileEmailSchema, profilePhoneSchema, profileVerifySchema } from '../wire.ts';
import type { ProfileEmailBody, ProfilePhoneBody, ProfileVerifyBody } from '../wire.ts';
import { InputError } from '../../input-error.ts';

/**
 * A user's profile, changed by the app's backend (management API key): email and phone set at
 * once or after a code sent there comes back (profile/{email,phone}/verify), and removal of the
 * whole profile (the user, passkeys and devices).
 */
export function registerProfileRoutes(app: FastifyInstance, services: Services): void {
  const { core } = services;

  app.delete<{ Params: { id: string } }>('/fido2/v2/profile/:id', { schema: { params: idParams } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'users:write');
    await deleteAccount(core, ctx, request.tenant, request.params.id);
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string }; Body: ProfileEmailBody }>('/fido2/v2/profile/:id/email', { schema: { params: idParams, body: profileEmailSchema } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'users:write');
    const { email, requestVerification } = request.body;
    if (requestVerification) await requestContactVerification(core, ctx, request.tenant, request.params.id, 'email', email);
    else await setContactAddress(core, ctx, request.tenant, request.params.id, 'email', email, true);
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string }; Body: { email: string } }>('/fido2/v2/profile/:id/email', { schema: { params: idParams, body: profileEmailDeleteSchema } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'users:write');
    const user = await core.storage.users.getById(request.tenant.id, request.params.id);
    if (user === null) throw new DomainError('user_not_found');
    if (user.email === null || user.email.toLowerCase() !== request.body.email.trim().toLowerCase()) throw new InputError('email is not the profile’s email.');
    await setContactAddress(core, ctx, request.tenant, user.id, 'email', null, false);
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string }; Body: ProfilePhoneBody }>('/fido2/v2/profile/:id/phone', { schema: { params: idParams, body: profilePhoneSchema } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'users:write');
    const { phoneNumber, messagingConsent, requestVerification } = request.body;
    // Seed: "This method will fail if verification is requested but no consent is provided."
    if (requestVerification && !messagingConsent) throw new InputError('Phone verification needs messagingConsent.');
    if (requestVerification) await requestContactVerification(core, ctx, request.tenant, request.params.id, 'sms', phoneNumber);
    else await setContactAddress(core, ctx, request.tenant, request.params.id, 'sms', phoneNumber, messagingConsent);
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/fido2/v2/profile/:id/phone', { schema: { params: idParams } }, async (request, reply) => {
    const { ctx } = await authenticateLoginIdManager(core, request, 'users:write');
    await setContactAddress(core, ctx, request.tenant, request.params.id, 'sms', null, false);
    return reply.code(204).send();
  });

  const verify = (path: string, channel: CodeChannel) =>
    app.post<{ Body: ProfileVerifyBody }>(path, { schema: { body: profileVerifySchema }, config: { rateLimit: { group: 'loginid-profile-verify', account: (r) => (r.body as ProfileVerifyBody | undefined)?.username } } }, async (request, reply) => {
      await confirmContactVerification(core, contextOf(request), request.tenant, request.body.username, channel, request.body.authCode);
      return reply.code(204).send();
    });
  verify('/fido2/v2/profile/email/verify', 'email');
  verify('/fido2/v2/profile/phone/verify', 'sms');
}
