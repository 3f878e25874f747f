import { InputError } from '../input-error.ts';

interface SchemaError {
  readonly keyword?: string;
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: { readonly missingProperty?: string };
}

/**
 * A route's `schemaErrorFormatter` (a malformed SwapBits request is code 4006): a malformed (not
 * missing) `deviceId` has its own sentence, every other schema failure the route's.
 */
export function inputErrorFormatter(routeMessage: string) {
  return (errors: readonly SchemaError[]): Error => {
    const detail = errors.map((e) => `${e.instancePath ?? ''} ${e.message ?? ''}`.trim()).join('; ');
    const badDeviceId = errors.some((e) => e.instancePath === '/deviceId' && e.keyword === 'pattern');
    return new InputError(badDeviceId ? INVALID_DEVICE_ID : routeMessage, detail);
  };
}

export const INVALID_DEVICE_ID = 'Invalid deviceId format. Must be a valid UUID';
