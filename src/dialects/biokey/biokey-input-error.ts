import { DomainError } from '../../core/errors.ts';

/**
 * A malformed BioKey request, with the sentence BioKey itself answers for it (`Missing required
 * fields: userId, challenge`). Only the fixed sentence is sent; `detail` stays in the log.
 */
export class BioKeyInputError extends DomainError {
  readonly publicMessage: string;

  constructor(publicMessage: string, detail?: string) {
    super('invalid_request', { detail: detail ?? publicMessage });
    this.publicMessage = publicMessage;
  }
}

/** A route's `schemaErrorFormatter`: any schema failure is reported with the route's sentence. */
export function missingFields(publicMessage: string) {
  return (errors: readonly { message?: string; instancePath?: string }[]): Error =>
    new BioKeyInputError(publicMessage, errors.map((e) => `${e.instancePath ?? ''} ${e.message ?? ''}`.trim()).join('; '));
}
