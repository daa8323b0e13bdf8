/*
 * Date fields of the guest forms. An <input type="date"> gives a day ("2027-03-31") with no time
 * and no time zone; the API wants instants. The day is read in the browser's time zone, as the
 * person choosing it sees it.
 */

const DAY_MS = 24 * 3600 * 1000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2027-03-31" → that day at 00:00 local time, or null when it isn't a real day. */
export function parseDay(value: string): Date | null {
  const match = DAY_PATTERN.exec(value.trim());
  if (!match) {
    return null;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

/** The local day of `date` as an <input type="date"> value. */
export function dayValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local day of an ISO instant, for a date field showing it. */
export function dayOfInstant(iso: string): string {
  return dayValue(new Date(iso));
}

/**
 * The end of an access chosen as a day: the guest keeps access through that whole day in the
 * browser's time zone, so the instant sent is 23:59:59.999 local time.
 */
export function endOfDayIso(day: string): string | null {
  const date = parseDay(day);
  return date ? new Date(date.getFullYear(), date.getMonth(), date.getDate(), 23, 59, 59, 999).toISOString() : null;
}

/** The start of an access chosen as a day: 00:00 local time that day. */
export function startOfDayIso(day: string): string | null {
  return parseDay(day)?.toISOString() ?? null;
}

/** `day` moved by whole days (calendar days: DST changes don't shift the day). */
export function addDays(day: string, days: number): string {
  const date = parseDay(day);
  if (!date) {
    return day;
  }
  date.setDate(date.getDate() + days);
  return dayValue(date);
}

/** `day` moved by whole months; the 31st becomes the last day of a shorter month. */
export function addMonths(day: string, months: number): string {
  const date = parseDay(day);
  if (!date) {
    return day;
  }
  const target = new Date(date.getFullYear(), date.getMonth() + months, 1);
  const lastDay = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  target.setDate(Math.min(date.getDate(), lastDay));
  return dayValue(target);
}

/**
 * The last end day allowed for an access starting on `startDay` when it may last `maxDays`: the end
 * of that day is less than `maxDays` × 24 h after the start (whether the start is the beginning of
 * the day or later that day).
 */
export function lastEndDay(startDay: string, maxDays: number): string {
  return addDays(startDay, maxDays - 1);
}

/**
 * Whole calendar days from `from`'s day to `to`'s day in local time: 0 the same day, 1 the next
 * day, -3 three days before.
 */
export function calendarDaysBetween(from: Date, to: Date): number {
  const a = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
  const b = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
  return Math.round((b - a) / DAY_MS);
}
