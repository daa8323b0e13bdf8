/**
 * A date column read with plain SQL: PostgreSQL's driver gives a Date; SQLite gives the text
 * TypeORM wrote, `YYYY-MM-DD HH:MM:SS.SSS` in UTC.
 */
export function storedDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
