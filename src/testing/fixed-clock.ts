import type { Clock } from '../core/ports.ts';

/** A clock that only moves when a test moves it. */
export class FixedClock implements Clock {
  #now: number;

  constructor(start: number | string | Date = '2026-11-23T12:00:00.000Z') {
    this.#now = typeof start === 'number' ? start : new Date(start).getTime();
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  set(at: number | string | Date): void {
    this.#now = typeof at === 'number' ? at : new Date(at).getTime();
  }
}
