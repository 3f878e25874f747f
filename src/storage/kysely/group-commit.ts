interface Waiting<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: items handed over during one turn of the event loop are written together, in
 * one statement, and every caller's promise settles only after that write — so nobody is told
 * "stored" before the row is in the database, while concurrent requests share one commit. A
 * failed write fails every caller of its batch.
 */
export function createGroupCommit<T>(write: (items: readonly T[]) => Promise<void>, maxBatch = 200): (item: T) => Promise<void> {
  const pending: Waiting<T>[] = [];
  let scheduled = false;

  const flush = (): void => {
    const batch = pending.splice(0, maxBatch);
    scheduled = pending.length > 0;
    if (scheduled) setImmediate(flush);
    write(batch.map((w) => w.item)).then(
      () => batch.forEach((w) => w.resolve()),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
  };

  return (item) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
