import { Initial1763892000000 as PostgresInitial } from './postgres/1763892000000-initial';
import { Initial1763892000000 as SqliteInitial } from './sqlite/1763892000000-initial';

/** Migrations in order, one list per dialect. Add new ones at the end of both lists. */
export const SQLITE_MIGRATIONS = [SqliteInitial];
export const POSTGRES_MIGRATIONS = [PostgresInitial];
