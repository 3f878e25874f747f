import type { ErrorCode } from '../../../src/core/errors.ts';
import type { Turn } from '../support/ceremonies.ts';

/** A clientData defect: the members to replace (undefined removes one), given the options answered. */
export interface ClientDataDefect {
  readonly how: string;
  readonly members: (turn: Turn) => Readonly<Record<string, unknown>>;
  readonly code: ErrorCode;
}

/** The same challenge in standard base64 with padding: the issued value, not in base64url. */
const asBase64 = (challenge: string): string => Buffer.from(challenge, 'base64url').toString('base64');

/**
 * Resp-2 F-1 … F-17, the same list for both ceremonies (MakeCredential and GetAssertion);
 * `own` is the ceremony's clientData.type and `other` the other ceremony's.
 */
export function clientDataDefects(own: string, other: string): Readonly<Record<string, ClientDataDefect>> {
  const fixed = (how: string, members: Record<string, unknown>, code: ErrorCode): ClientDataDefect => ({ how, members: () => members, code });
  return {
    'F-1': fixed('clientData without type', { type: undefined }, 'client_data_invalid'),
    'F-2': fixed('clientData.type a number', { type: 1 }, 'client_data_invalid'),
    'F-3': fixed('clientData.type ""', { type: '' }, 'client_data_invalid'),
    'F-4': fixed(`clientData.type "${own}.sigil" (not "${own}")`, { type: `${own}.sigil` }, 'type_mismatch'),
    'F-5': fixed(`clientData.type "${other}"`, { type: other }, 'type_mismatch'),
    'F-6': fixed('clientData without challenge', { challenge: undefined }, 'client_data_invalid'),
    'F-7': fixed('clientData.challenge an object', { challenge: { value: 'x' } }, 'client_data_invalid'),
    'F-8': fixed('clientData.challenge ""', { challenge: '' }, 'client_data_invalid'),
    'F-9': { how: 'clientData.challenge: the issued challenge in padded standard base64', members: (turn) => ({ challenge: asBase64(turn.request.challenge) }), code: 'client_data_invalid' },
    'F-10': fixed('clientData.challenge: another 32-byte value', { challenge: Buffer.alloc(32, 0x5a).toString('base64url') }, 'challenge_mismatch'),
    'F-11': fixed('clientData without origin', { origin: undefined }, 'client_data_invalid'),
    'F-12': fixed('clientData.origin a number', { origin: 443 }, 'client_data_invalid'),
    'F-13': fixed('clientData.origin ""', { origin: '' }, 'client_data_invalid'),
    'F-14': fixed('clientData.origin https://evil.sigil.test', { origin: 'https://evil.sigil.test' }, 'origin_mismatch'),
    'F-15': fixed('clientData.tokenBinding the string "present"', { tokenBinding: 'present' }, 'client_data_invalid'),
    'F-16': fixed('clientData.tokenBinding {} (no status)', { tokenBinding: {} }, 'client_data_invalid'),
    'F-17': fixed('clientData.tokenBinding.status "unknown"', { tokenBinding: { status: 'unknown' } }, 'client_data_invalid'),
  };
}
