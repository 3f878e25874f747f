/**
 * The one suite every EphemeralStore passes (STYLE.md rule 9). Each test gets a fresh store on a
 * FixedClock: expiry is tested by moving the clock, never by sleeping. TTLs are long in real
 * time (a minute) so a backend's physical TTL cannot interfere while the test runs.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { EphemeralStore } from '../core/ports.ts';
import { FixedClock } from '../testing/fixed-clock.ts';
import { describeCounterContract } from './contract-counters.ts';
import { describeValueContract } from './contract-values.ts';

export interface EphemeralSubject {
  readonly store: EphemeralStore;
  /** Closes the store and removes whatever it left behind. */
  cleanup(): Promise<void>;
}

export type EphemeralFactory = (clock: FixedClock) => Promise<EphemeralSubject>;

/** What each contract test receives: the store under test and the clock it was built with. */
export interface EphemeralFixture {
  readonly store: EphemeralStore;
  readonly clock: FixedClock;
}

export function runEphemeralContract(name: string, factory: EphemeralFactory): void {
  describe(`EphemeralStore contract: ${name}`, () => {
    let clock: FixedClock;
    let subject: EphemeralSubject;
    const fixture = (): EphemeralFixture => ({ store: subject.store, clock });

    beforeEach(async () => {
      clock = new FixedClock();
      subject = await factory(clock);
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    describeValueContract(fixture);
    describeCounterContract(fixture);

    it('answers ping', async () => {
      await fixture().store.ping();
    });
  });
}
