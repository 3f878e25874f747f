import { DomainError } from '../../core/errors.ts';

/**
 * A malformed SwapBits request (code 4006), with the sentence SwapBits documents for it
 * ("Invalid deviceId format. Must be a valid UUID"). Only the fixed sentence is sent.
 */
export class SwapBitsInputError extends DomainError {
  readonly publicMessage: string;

  constructor(publicMessage: string, detail?: string) {
    super('invalid_request', { detail: detail ?? publicMessage });
    this.publicMessage = publicMessage;
  }
}

interface SchemaError {
  readonly keyword?: string;
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: { readonly missingProperty?: string };
}

/**
 * A route's `schemaErrorFormatter`: a malformed (not missing) `deviceId` has its own sentence,
 * every other schema failure the route's.
 */
export function inputErrorFormatter(routeMessage: string) {
  return (errors: readonly SchemaError[]): Error => {
    const detail = errors.map((e) => `${e.instancePath ?? ''} ${e.message ?? ''}`.trim()).join('; ');
    const badDeviceId = errors.some((e) => e.instancePath === '/deviceId' && e.keyword === 'pattern');
    return new SwapBitsInputError(badDeviceId ? INVALID_DEVICE_ID : routeMessage, detail);
  };
}

export const INVALID_DEVICE_ID = 'Invalid deviceId format. Must be a valid UUID';
