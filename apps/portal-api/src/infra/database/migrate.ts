import type { DataSource, Migration } from 'typeorm';

/** Any constant works; it names Passerelle's migration lock among PostgreSQL advisory locks. */
const POSTGRES_MIGRATION_LOCK = 4_172_023_905;

/**
 * Applies pending migrations, safely when several processes start at once: the first takes a
 * database-wide lock (a PostgreSQL advisory lock, or SQLite's write lock via BEGIN IMMEDIATE),
 * the others wait for it and then find nothing left to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  if (dataSource.options.type === 'postgres') return migratePostgres(dataSource);
  return migrateSqlite(dataSource);
}

async function migratePostgres(dataSource: DataSource): Promise<Migration[]> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [POSTGRES_MIGRATION_LOCK]);
    return await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [POSTGRES_MIGRATION_LOCK]).catch(() => undefined);
    await lockHolder.release();
  }
}

async function migrateSqlite(dataSource: DataSource): Promise<Migration[]> {
  // better-sqlite3 has one connection per data source, so this transaction wraps everything the
  // migrations run; a second process blocks on BEGIN IMMEDIATE (busy timeout) until we commit.
  const runner = dataSource.createQueryRunner();
  // Migrations that rebuild a table (create new, copy, drop old, rename) must not cascade the drop
  // into child rows: foreign keys are off while they run — set outside the transaction, the only
  // place SQLite honours it — and checked before the commit.
  await runner.query('PRAGMA foreign_keys = OFF');
  await runner.query('BEGIN IMMEDIATE');
  try {
    const applied = await dataSource.runMigrations({ transaction: 'none' });
    const broken = (await runner.query('PRAGMA foreign_key_check')) as Array<{ table: string; parent: string }>;
    if (broken.length > 0) throw new Error(`Migrations left ${broken.length} rows pointing nowhere (first: ${broken[0].table} → ${broken[0].parent}).`);
    await runner.query('COMMIT');
    return applied;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.query('PRAGMA foreign_keys = ON').catch(() => undefined);
    await runner.release();
  }
}

export async function pendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
