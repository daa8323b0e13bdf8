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
  await runner.query('BEGIN IMMEDIATE');
  try {
    const applied = await dataSource.runMigrations({ transaction: 'none' });
    await runner.query('COMMIT');
    return applied;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

export async function pendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
