import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Marks the asynchronous context of an open SQLite unit of work. SQLite has one connection, so a
 * unit of work holds it from `BEGIN` to `COMMIT`; any query made meanwhile from inside the unit
 * (through the transactional view or, by mistake, through the store itself) must run on that
 * connection, in the transaction, instead of waiting for the connection the unit holds — which
 * would wait for ever. The driver (scoped-sqlite-driver.ts) and the hot-path executor ask
 * `inside()` and run such a query at once; queries from everywhere else wait for the unit.
 */
export interface UnitOfWorkScope {
  inside(): boolean;
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createUnitOfWorkScope(): UnitOfWorkScope {
  // A callback scheduled inside a unit inherits its context: once the unit has ended, `open`
  // says so, and such a late query waits for the connection like any other.
  const storage = new AsyncLocalStorage<{ open: boolean }>();
  return {
    inside: () => storage.getStore()?.open === true,
    async run(work) {
      const unit = { open: true };
      try {
        return await storage.run(unit, work);
      } finally {
        unit.open = false;
      }
    },
  };
}
