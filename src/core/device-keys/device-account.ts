import { normalizeUsername } from '../user.ts';

/**
 * Who a device-key operation is for: a known Sigil user (the bearer of a session, SwapBits), or
 * a username named by the client (BioKey's `userId`).
 */
export type DeviceAccount = { readonly userId: string } | { readonly username: string };

/** The stable text a challenge is bound to and a lockout is counted under. */
export function accountKeyOf(account: DeviceAccount): string {
  return 'userId' in account ? `user:${account.userId}` : `username:${normalizeUsername(account.username)}`;
}
