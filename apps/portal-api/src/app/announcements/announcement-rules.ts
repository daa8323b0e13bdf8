import { ANNOUNCEMENT_LIMITS, type AnnouncementStatus, type SaveAnnouncementRequest } from '@passerelle/contracts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A date-time with its offset, as browsers' toISOString() and every API client write it. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_HINT = 'Enter a date and time like 2027-03-31T09:00:00Z.';

export type Problems = Record<string, string[]>;

/** The fields of a save request once checked: trimmed text, dates, and the audience's group names. */
export interface CheckedAnnouncement {
  title: string;
  body: string;
  audienceGroups: string[];
  publishAt: Date;
  expiresAt: Date | null;
  pinned: boolean;
  imageAlt: string | undefined;
}

/** An ISO 8601 date-time with an offset (never the server's own time zone), or a problem for `field`. */
export function parseInstant(value: unknown, field: string, problems: Problems): Date | undefined {
  const match = typeof value === 'string' ? INSTANT.exec(value.trim()) : null;
  if (!match) {
    problems[field] = [DATE_HINT];
    return undefined;
  }
  const [, y, m, d, hh, mm, ss = '0'] = match;
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const date = new Date(value as string);
  // `new Date` rolls 2027-02-30 over to 2 March; a date that isn't on the calendar is refused instead.
  if (Number.isNaN(date.getTime()) || month < 1 || month > 12 || day < 1 || day > daysInMonth || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) {
    problems[field] = ['This date does not exist.'];
    return undefined;
  }
  return date;
}

/**
 * Checks what the class-validator DTO can't: trimmed lengths, dates and their order. `stored` is
 * the announcement being edited, if any: its dates may stay as they are (an expiry already past,
 * a publication date long gone) without being refused for it.
 */
export function checkAnnouncement(
  input: SaveAnnouncementRequest,
  now: Date,
  stored?: { publishAt: Date; expiresAt: Date | null },
): { checked?: CheckedAnnouncement; problems: Problems } {
  const problems: Problems = {};
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (!title) problems['title'] = ['Give the announcement a title.'];
  else if (title.length > ANNOUNCEMENT_LIMITS.titleMax) problems['title'] = [`Use at most ${ANNOUNCEMENT_LIMITS.titleMax} characters.`];
  const body = typeof input.body === 'string' ? input.body.replace(/\s+$/, '') : '';
  if (body.length > ANNOUNCEMENT_LIMITS.bodyMax) problems['body'] = [`Use at most ${ANNOUNCEMENT_LIMITS.bodyMax} characters.`];

  const publishAt = input.publishAt == null ? now : parseInstant(input.publishAt, 'publishAt', problems);
  if (publishAt && publishAt.getTime() !== stored?.publishAt.getTime() && publishAt.getTime() > now.getTime() + ANNOUNCEMENT_LIMITS.publishAheadMaxDays * DAY_MS) {
    problems['publishAt'] = [`Schedule it within ${ANNOUNCEMENT_LIMITS.publishAheadMaxDays} days.`];
  }
  const expiresAt = input.expiresAt == null ? null : parseInstant(input.expiresAt, 'expiresAt', problems);
  const expiryChanged = expiresAt !== undefined && expiresAt?.getTime() !== stored?.expiresAt?.getTime();
  if (expiresAt && expiryChanged && expiresAt.getTime() <= now.getTime()) problems['expiresAt'] = ['The expiry must be in the future.'];
  else if (expiresAt && publishAt && expiresAt.getTime() <= publishAt.getTime()) problems['expiresAt'] = ['The expiry must come after the publication.'];

  const audienceGroups = [...new Set((input.audienceGroups ?? []).map((name) => name.trim()).filter(Boolean))];
  if (audienceGroups.length > ANNOUNCEMENT_LIMITS.audienceMax) problems['audienceGroups'] = [`Choose at most ${ANNOUNCEMENT_LIMITS.audienceMax} groups.`];
  const imageAlt = input.imageAlt === undefined ? undefined : input.imageAlt.trim();

  if (Object.keys(problems).length || !publishAt || expiresAt === undefined) return { problems };
  return { problems, checked: { title, body, audienceGroups, publishAt, expiresAt, pinned: input.pinned ?? false, imageAlt } };
}

/** Where an announcement is in its life, at `now`. */
export function announcementStatus(announcement: { publishAt: Date; expiresAt: Date | null }, now: Date): AnnouncementStatus {
  if (announcement.expiresAt && announcement.expiresAt.getTime() <= now.getTime()) return 'expired';
  return announcement.publishAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}
