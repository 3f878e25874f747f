import { InputError } from '../input-error.ts';

/** A route's `schemaErrorFormatter`: any schema failure is reported with the route's sentence. */
export function missingFields(publicMessage: string) {
  return (errors: readonly { message?: string; instancePath?: string }[]): Error =>
    new InputError(publicMessage, errors.map((e) => `${e.instancePath ?? ''} ${e.message ?? ''}`.trim()).join('; '));
}
