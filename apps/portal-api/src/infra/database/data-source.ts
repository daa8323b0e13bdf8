import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config';
import { ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

/**
 * TypeORM options for the configured database. Schema changes come only from the committed
 * migrations of that dialect; `synchronize` stays off.
 */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = { entities: ENTITIES, synchronize: false, migrationsRun: false, logging: false } as const;
  if (config.database.kind === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: config.database.file,
      migrations: SQLITE_MIGRATIONS,
      // WAL lets readers work while one writer commits; wait for a lock rather than fail at once.
      enableWAL: true,
      timeout: 15_000,
      prepareDatabase: (db: { pragma(statement: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: config.database.url,
    migrations: POSTGRES_MIGRATIONS,
    poolSize: config.database.poolSize,
    connectTimeoutMS: 5_000,
    applicationName: 'passerelle',
    // Timestamps are stored as UTC `timestamp` (the type TypeORM maps Date to on both dialects).
    extra: { options: '-c timezone=UTC' },
  };
}

/** JavaScript Dates travel to and from PostgreSQL `timestamp` columns as UTC, whatever the process time zone. */
function readTimestampsAsUtc(): void {
  pg.defaults.parseInputDatesAsUTC = true;
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (text: string) => new Date(`${text.replace(' ', 'T')}Z`));
}

export function createDataSource(config: AppConfig): DataSource {
  if (config.database.kind === 'postgres') readTimestampsAsUtc();
  return new DataSource(dataSourceOptions(config));
}
