import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * better-sqlite3 gives TypeORM a single connection. Without care, two requests that each open a
 * transaction interleave on it (the second becomes a SAVEPOINT inside the first), and a plain
 * query from a third request lands inside someone else's transaction. This gate makes a
 * transaction exclusive: others wait for it to end, queries from outside it wait too, and the
 * code inside it (tracked with AsyncLocalStorage) runs freely. PostgreSQL needs none of this.
 */
export function gateSqliteTransactions(dataSource: DataSource): void {
  const owner = new AsyncLocalStorage<symbol>();
  let active: { id: symbol; done: Promise<void> } | undefined;

  const waitForOthers = async (): Promise<void> => {
    while (active && owner.getStore() !== active.id) await active.done;
  };

  const runner: QueryRunner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner);
  runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
    await waitForOthers();
    return query(...args);
  }) as QueryRunner['query'];

  // A transaction opened any other way (e.g. repository.save() outside a transaction opens its own)
  // would slip past the gate: refuse it loudly instead of racing silently.
  const startTransaction = runner.startTransaction.bind(runner);
  runner.startTransaction = (async (...args: Parameters<QueryRunner['startTransaction']>) => {
    if (!active || owner.getStore() !== active.id) {
      throw new Error('On SQLite, open transactions with dataSource.transaction(); pass { transaction: false } to save() outside one');
    }
    return startTransaction(...args);
  }) as QueryRunner['startTransaction'];

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = (async (...args: unknown[]) => {
    if (owner.getStore() && active && owner.getStore() === active.id) return transaction(...args);
    // Check and claim with no await in between, or two callers could both see the gate open.
    while (active && owner.getStore() !== active.id) await active.done;
    let finish!: () => void;
    const id = Symbol('sqlite-transaction');
    active = { id, done: new Promise<void>((resolve) => (finish = resolve)) };
    try {
      return await owner.run(id, () => transaction(...args));
    } finally {
      active = undefined;
      finish();
    }
  }) as EntityManager['transaction'];
}
