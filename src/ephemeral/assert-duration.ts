/**
 * TTLs and windows are whole, positive milliseconds. Anything else is a programming error in
 * the caller (a zero or NaN TTL would store something already dead, and Redis `PX` accepts only
 * positive integers), so it fails loudly instead of being rounded into some meaning.
 */
export function assertDurationMs(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer number of milliseconds, got ${value}`);
  }
}
