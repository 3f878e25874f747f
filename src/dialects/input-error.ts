import { DomainError } from '../core/errors.ts';

/**
 * A malformed request, with the fixed sentence the dialect's vendor answers for it (BioKey's
 * `Missing required fields: userId, challenge`, SwapBits' `Invalid deviceId format…`). Only that
 * sentence is sent, by the dialect's error table; `detail` stays in the log.
 */
export class InputError extends DomainError {
  readonly publicMessage: string;

  constructor(publicMessage: string, detail?: string) {
    super('invalid_request', { detail: detail ?? publicMessage });
    this.publicMessage = publicMessage;
  }
}
