import { GUEST_LIMITS, type GuestFilter, type GuestStatus } from '@passerelle/contracts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A start "now" typed in a form reaches the server a moment later: that much in the past is still now. */
const START_SLACK_MS = 5 * 60 * 1000;
/** Invitations may be prepared ahead, not years ahead. */
const START_AHEAD_MAX_DAYS = 365;

export type Problems = Record<string, string[]>;

/**
 * An ISO date-time from the outside, or a problem for `field`. A day alone is its start, or its end
 * (23:59:59.999) with `edge: 'end'` — "until 31 March" includes 31 March — and a time without an
 * offset is UTC: never the server's own time zone.
 */
export function parseInstant(value: unknown, field: string, problems: Problems, edge: 'start' | 'end' = 'start'): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
    problems[field] = ['Enter a date like 2027-03-31 or 2027-03-31T18:00:00Z.'];
    return undefined;
  }
  const text = value.trim();
  const dayOnly = text.length === 10;
  const date = new Date(dayOnly ? `${text}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  if (Number.isNaN(date.getTime()) || !calendarValid(text)) {
    problems[field] = ['This date does not exist.'];
    return undefined;
  }
  return dayOnly && edge === 'end' ? new Date(date.getTime() + DAY_MS - 1) : date;
}

/** `new Date` rolls 2027-02-30 over to 2 March; a date that isn't on the calendar is refused instead. */
function calendarValid(value: string): boolean {
  const [, y, m, d, hh = '0', mm = '0', ss = '0'] = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value) ?? [];
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && Number(hh) <= 23 && Number(mm) <= 59 && Number(ss) <= 59;
}

/**
 * Checks a guest's access window. The end may be at most `maxDays` after the start — or after now,
 * for a guest already started (an extension is at most `maxDays` from the day it is given).
 */
export function windowProblems(
  window: { start: Date; end: Date },
  now: Date,
  maxDays: number,
  options: { newStart: boolean },
): Problems {
  const problems: Problems = {};
  const { start, end } = window;
  if (options.newStart && start.getTime() < now.getTime() - START_SLACK_MS) problems['startsAt'] = ['The start can’t be in the past.'];
  if (options.newStart && start.getTime() > now.getTime() + START_AHEAD_MAX_DAYS * DAY_MS) {
    problems['startsAt'] = [`The start must be within ${START_AHEAD_MAX_DAYS} days.`];
  }
  if (end.getTime() <= now.getTime()) problems['endsAt'] = ['The end must be in the future. To end access now, revoke it.'];
  else if (end.getTime() <= start.getTime()) problems['endsAt'] = ['The end must come after the start.'];
  else {
    const from = Math.max(start.getTime(), now.getTime());
    const latest = new Date(from + maxDays * DAY_MS);
    // Name the last day whose end (23:59:59.999 UTC, as forms send a day) still fits.
    const lastDay = new Date(Math.floor((latest.getTime() + 1) / DAY_MS) * DAY_MS - 1);
    if (end.getTime() > latest.getTime()) problems['endsAt'] = [`Guest access lasts at most ${maxDays} days: choose an end on or before ${lastDay.toISOString().slice(0, 10)}.`];
  }
  return problems;
}

export function textProblems(input: { company?: unknown; note?: unknown }, problems: Problems): void {
  if (input.company !== undefined && (typeof input.company !== 'string' || input.company.trim().length > GUEST_LIMITS.companyMax)) {
    problems['company'] = [`Use at most ${GUEST_LIMITS.companyMax} characters.`];
  }
  if (input.note !== undefined && (typeof input.note !== 'string' || input.note.length > GUEST_LIMITS.noteMax)) {
    problems['note'] = [`Use at most ${GUEST_LIMITS.noteMax} characters.`];
  }
}

/** Where a guest is, from their dates (the access window is the truth; see GuestStatus). */
export function guestStatus(guest: { acceptedAt: Date | null; startsAt: Date; endsAt: Date }, now: Date): GuestStatus {
  if (guest.endsAt.getTime() <= now.getTime()) return 'ended';
  if (!guest.acceptedAt) return 'invited';
  if (guest.startsAt.getTime() > now.getTime()) return 'starting';
  return 'active';
}

export function matchesFilter(status: GuestStatus, endsAt: Date, filter: GuestFilter, now: Date): boolean {
  if (filter === 'all') return true;
  if (filter === 'ending') return status === 'active' && endsAt.getTime() - now.getTime() <= GUEST_LIMITS.endingSoonDays * DAY_MS;
  return status === filter;
}

/** The reminder due now (7 or 1 days before the end) that hasn't gone out, if any. */
export function reminderDue(endsAt: Date, sent: readonly number[], now: Date): number | undefined {
  const left = endsAt.getTime() - now.getTime();
  if (left <= 0) return undefined;
  const due = [...GUEST_LIMITS.reminderDays].sort((a, b) => a - b).find((days) => left <= days * DAY_MS);
  return due !== undefined && !sent.includes(due) ? due : undefined;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
