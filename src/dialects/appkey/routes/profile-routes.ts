import { deleteAccount } from '../../../core/accounts/delete-account.ts';
import { setDisplayName, setLocale, setUserName } from '../../../core/accounts/profile-changes.ts';
import { DomainError } from '../../../core/errors.ts';
import { revokeAccessToken } from '../../../core/tokens/revoke-access-token.ts';
import { verifyAccessToken } from '../../../core/tokens/verify-access-token.ts';
import type { AppKeyRoute } from '../appkey-route.ts';
import { authenticateAppUser } from '../callers.ts';
import { AppKeyError } from '../errors.ts';
import { displayNameOf, localeOf, userNameOf } from '../profile-fields.ts';
import { userAnswer } from '../user-answer.ts';
import { requiredText } from '../wire.ts';

/** A user name taken by someone else is 605 here (601 is for handles). */
async function asUserNameTaken<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'username_taken') throw new AppKeyError(605, 'username_taken', error.detail);
    throw error;
  }
}

export const PROFILE_ROUTES: readonly AppKeyRoute[] = [
  {
    method: 'GET',
    name: 'user',
    async handle(call) {
      const { user, accessToken } = await authenticateAppUser(call.services, call.request);
      return userAnswer(call, user, accessToken);
    },
  },
  {
    method: 'POST',
    name: 'setLocale',
    async handle(call) {
      const { user, ctx } = await authenticateAppUser(call.services, call.request);
      await setLocale(call.services.core, ctx, call.tenant, user, localeOf(requiredText(call.body, 'locale')));
      return true;
    },
  },
  {
    method: 'POST',
    name: 'updateProfile',
    async handle(call) {
      const { user, ctx } = await authenticateAppUser(call.services, call.request);
      await setDisplayName(call.services.core, ctx, call.tenant, user, displayNameOf(call.body));
      return true;
    },
  },
  {
    method: 'POST',
    name: 'setUserName',
    async handle(call) {
      const { user, ctx } = await authenticateAppUser(call.services, call.request);
      await asUserNameTaken(setUserName(call.services.core, ctx, call.tenant, user, userNameOf(call.body, call.settings)));
      return true;
    },
  },
  {
    method: 'GET',
    name: 'userNameAvailable',
    async handle(call) {
      const { user } = await authenticateAppUser(call.services, call.request);
      const userName = userNameOf(call.request.query as Record<string, unknown>, call.settings);
      const { storage } = call.services.core;
      const holderId = (await storage.profiles.findUserIdByUserName(call.tenant.id, userName)) ?? (await storage.users.getByUsername(call.tenant.id, userName))?.id ?? null;
      return { available: holderId === null || holderId === user.id };
    },
  },
  {
    method: 'POST',
    name: 'deleteAccount',
    async handle(call) {
      const { user, accessToken, ctx } = await authenticateAppUser(call.services, call.request);
      const claims = await verifyAccessToken(call.services.core, call.tenant, accessToken);
      await deleteAccount(call.services.core, ctx, call.tenant, user.id);
      // Every token of the user stops at the next use (its subject is gone); this one is also listed.
      await revokeAccessToken(call.services.core, ctx, call.tenant, claims);
      return true;
    },
  },
];
