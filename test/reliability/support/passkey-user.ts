import type { Tamper } from '../../../src/testing/authenticator/software-authenticator.ts';
import { SoftwareAuthenticator } from '../../../src/testing/authenticator/software-authenticator.ts';
import { call, ORIGIN, RP_ID, type Reply } from './sigil.ts';

/** A user with one passkey, driving the native API over HTTP as a browser would. */
export class PasskeyUser {
  readonly username: string;
  readonly authenticator: SoftwareAuthenticator;

  constructor(username: string) {
    this.username = username;
    this.authenticator = new SoftwareAuthenticator({ seed: username });
  }

  async signUp(base: string): Promise<Reply> {
    const options = await call(base, 'POST', '/attestation/options', { username: this.username, displayName: this.username, attestation: 'none' });
    if (options.status !== 200) return options;
    const credential = this.authenticator.register({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN });
    return call(base, 'POST', '/attestation/result', { ...credential, session: options.body.session });
  }

  /** Login options and the signed assertion, not yet sent: a test may send it where and when it likes. */
  async prepareLogin(base: string, tamper?: Tamper): Promise<{ options: Reply; result: Record<string, unknown> | null }> {
    const options = await call(base, 'POST', '/assertion/options', { username: this.username });
    if (options.status !== 200) return { options, result: null };
    const assertion = this.authenticator.authenticate({ challenge: options.body.challenge as string, rpId: RP_ID, origin: ORIGIN, ...(tamper ? { tamper } : {}) });
    return { options, result: { ...assertion, session: options.body.session } };
  }

  async login(base: string, tamper?: Tamper): Promise<Reply> {
    const { options, result } = await this.prepareLogin(base, tamper);
    return result === null ? options : call(base, 'POST', '/assertion/result', result);
  }
}
