import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** How group and section names compare: trimmed, whatever their case ("it" is "IT", "équipe" is "Équipe"). */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/**
 * Rows of `entity` whose `name` matches one of `names` whatever the case. Compared here rather than
 * with SQL LOWER(), which SQLite applies to ASCII letters only; these tables hold a few hundred rows.
 */
export async function findByNames<T extends ObjectLiteral & { name: string }>(manager: EntityManager, entity: EntityTarget<T>, names: readonly string[]): Promise<T[]> {
  const wanted = new Set(names.map(nameKey).filter(Boolean));
  if (wanted.size === 0) return [];
  return (await manager.find(entity)).filter((row) => wanted.has(nameKey(row.name)));
}

/** A write refused by a unique constraint (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY): a race lost to another request. */
export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown } } | null)?.driverError ?? error;
  const code = String((driverError as { code?: unknown } | null)?.code ?? '');
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
