import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { StartupError } from '../startup-error';
import { createDataSource } from './data-source';
import { runMigrations } from './migrate';
import { gateSqliteTransactions } from './sqlite-transaction-gate';

/** Connects to the configured database and brings its schema up to date. */
export async function openDatabase(config: AppConfig): Promise<{ dataSource: DataSource; applied: string[] }> {
  const dataSource = createDataSource(config);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new StartupError(connectionProblem(config, error));
  }
  if (config.database.kind === 'sqlite') gateSqliteTransactions(dataSource);
  try {
    const applied = await runMigrations(dataSource);
    return { dataSource, applied: applied.map((m) => m.name) };
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw new StartupError(`Database migration failed: ${(error as Error).message.split('\n')[0]}`);
  }
}

function connectionProblem(config: AppConfig, error: unknown): string {
  const e = error as NodeJS.ErrnoException & { code?: string };
  if (config.database.kind === 'sqlite') {
    return `Cannot open the SQLite database ${config.database.file}: ${e.code ?? ''} ${e.message.split('\n')[0]}`.replace(/\s+/g, ' ');
  }
  const url = new URL(config.database.url);
  const where = `${url.hostname}:${url.port || 5432}`;
  const reasons: Record<string, string> = {
    ECONNREFUSED: `nothing is listening at ${where}`,
    ENOTFOUND: `the host ${url.hostname} is unknown`,
    EAI_AGAIN: `the host ${url.hostname} can't be resolved right now`,
    ETIMEDOUT: `no answer from ${where}`,
    '28P01': 'the password was refused',
    '28000': 'the user is not allowed to connect',
    '3D000': `the database ${url.pathname.slice(1)} does not exist`,
  };
  const reason = (e.code && reasons[e.code]) ?? (/timeout/i.test(e.message) ? `no answer from ${where}` : e.message.split('\n')[0]);
  return `Cannot connect to PostgreSQL (DATABASE_URL) at ${where}: ${reason}`;
}
