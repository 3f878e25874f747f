/** The first run of exactly six digits in a message body, or null. */
export function codeIn(text: string | null): string | null {
  return /(?<!\d)(\d{6})(?!\d)/.exec(text ?? '')?.[1] ?? null;
}

/**
 * Resolves with `read()` as soon as it is not null: now, or after one of the `arrivals`
 * notifications; rejects with `failure` after `timeoutMs`.
 */
export function waitFor(arrivals: Set<() => void>, read: () => string | null, timeoutMs: number, failure: string): Promise<string> {
  const now = read();
  if (now !== null) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const value = read();
      if (value === null) return;
      clearTimeout(timer);
      arrivals.delete(check);
      resolve(value);
    };
    const timer = setTimeout(() => {
      arrivals.delete(check);
      reject(new Error(`${failure} within ${timeoutMs} ms`));
    }, timeoutMs);
    arrivals.add(check);
  });
}
