import { guestStatus, matchesFilter, parseInstant, reminderDue, windowProblems, type Problems } from './guest-rules';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const NOW = new Date('2027-03-01T12:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe('guest rules', () => {
  describe('parseInstant', () => {
    function parse(value: unknown): { date?: Date; problems: Problems } {
      const problems: Problems = {};
      return { date: parseInstant(value, 'endsAt', problems), problems };
    }

    it('reads a day (as UTC midnight) and ISO date-times with or without seconds, zone or offset', () => {
      expect(parse('2027-03-31').date?.toISOString()).toBe('2027-03-31T00:00:00.000Z');
      expect(parse('2027-03-31T18:00:00Z').date?.toISOString()).toBe('2027-03-31T18:00:00.000Z');
      expect(parse('2027-03-31T18:00:00.123456Z').date?.toISOString()).toBe('2027-03-31T18:00:00.123Z');
      expect(parse('2027-03-31T18:00+02:00').date?.toISOString()).toBe('2027-03-31T16:00:00.000Z');
      expect(parse('2027-03-31T18:00:00-0500').date?.toISOString()).toBe('2027-03-31T23:00:00.000Z');
      expect(parse('  2027-03-31T18:00:00Z ').date?.toISOString()).toBe('2027-03-31T18:00:00.000Z');
      expect(parse('2027-03-31T18:00:00Z').problems).toEqual({});
      expect(parse('2028-02-29').date?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    });

    it('reads a day alone as its end when asked (until 31 March includes 31 March), and a time without offset as UTC', () => {
      expect(parseInstant('2027-03-31', 'endsAt', {}, 'end')?.toISOString()).toBe('2027-03-31T23:59:59.999Z');
      expect(parseInstant('2027-03-31T18:00:00Z', 'endsAt', {}, 'end')?.toISOString()).toBe('2027-03-31T18:00:00.000Z');
      expect(parse('2027-03-31T18:00').date?.toISOString()).toBe('2027-03-31T18:00:00.000Z');
    });

    it('names the field when the value is not a date in that form', () => {
      for (const value of ['31/03/2027', '2027-3-31', 'tomorrow', '30d', '', '2027-03-31T18', 1_800_000_000_000, null, undefined, ['2027-03-31']]) {
        const { date, problems } = parse(value);
        expect(date).withContext(String(value)).toBeUndefined();
        expect(problems).withContext(String(value)).toEqual({ endsAt: ['Enter a date like 2027-03-31 or 2027-03-31T18:00:00Z.'] });
      }
    });

    it('says when a well-formed date does not exist', () => {
      // Including days that `new Date` would roll over into the next month.
      for (const value of ['2027-13-01', '2027-00-10', '2027-03-32', '2027-03-31T25:00:00Z', '2027-02-29', '2027-04-31', '2027-02-30T10:00:00Z', '2027-03-31T18:60:00Z']) {
        const { date, problems } = parse(value);
        expect(date).withContext(value).toBeUndefined();
        expect(problems).withContext(value).toEqual({ endsAt: ['This date does not exist.'] });
      }
    });

    it('leaves the problems of other fields alone', () => {
      const problems: Problems = { name: ['Enter a name.'] };
      parseInstant('nope', 'startsAt', problems);
      expect(Object.keys(problems).sort()).toEqual(['name', 'startsAt']);
    });
  });

  describe('windowProblems', () => {
    const check = (start: Date, end: Date, newStart = true, maxDays = 90) => windowProblems({ start, end }, NOW, maxDays, { newStart });

    it('accepts a window from now to the maximum, or one starting later', () => {
      expect(check(NOW, at(30 * DAY))).toEqual({});
      expect(check(NOW, at(90 * DAY))).toEqual({});
      expect(check(at(10 * DAY), at(100 * DAY))).toEqual({});
    });

    it('allows a start typed a few minutes ago, not earlier', () => {
      expect(check(at(-4 * 60_000), at(DAY))).toEqual({});
      expect(check(at(-6 * 60_000), at(DAY))).toEqual({ startsAt: ['The start can’t be in the past.'] });
    });

    it('refuses a start more than a year ahead', () => {
      expect(check(at(365 * DAY), at(366 * DAY))).toEqual({});
      expect(check(at(366 * DAY), at(367 * DAY))).toEqual({ startsAt: ['The start must be within 365 days.'] });
    });

    it('only checks the start when it is being set', () => {
      expect(check(at(-40 * DAY), at(10 * DAY), false)).toEqual({});
    });

    it('refuses an end now or in the past, pointing at revoke', () => {
      const message = { endsAt: ['The end must be in the future. To end access now, revoke it.'] };
      expect(check(NOW, NOW)).toEqual(message);
      expect(check(at(-40 * DAY), at(-DAY), false)).toEqual(message);
    });

    it('refuses an end at or before the start', () => {
      const message = { endsAt: ['The end must come after the start.'] };
      expect(check(at(5 * DAY), at(5 * DAY))).toEqual(message);
      expect(check(at(5 * DAY), at(2 * DAY))).toEqual(message);
    });

    it('refuses an end beyond the maximum after the start, naming the last day', () => {
      expect(check(NOW, at(90 * DAY + 1))).toEqual({ endsAt: ['Guest access lasts at most 90 days: choose an end on or before 2027-05-29.'] });
      expect(check(at(10 * DAY), at(100 * DAY + 1))).toEqual({ endsAt: ['Guest access lasts at most 90 days: choose an end on or before 2027-06-08.'] });
      expect(check(NOW, at(8 * DAY), true, 7)).toEqual({ endsAt: ['Guest access lasts at most 7 days: choose an end on or before 2027-03-07.'] });
    });

    it('counts the maximum from now for an access already started (an extension)', () => {
      expect(check(at(-60 * DAY), at(90 * DAY), false)).toEqual({});
      expect(check(at(-60 * DAY), at(91 * DAY), false)).toEqual({ endsAt: ['Guest access lasts at most 90 days: choose an end on or before 2027-05-29.'] });
    });

    it('reports a bad start and a bad end together', () => {
      expect(Object.keys(check(at(-DAY), at(-HOUR))).sort()).toEqual(['endsAt', 'startsAt']);
    });
  });

  describe('guestStatus', () => {
    const accepted = at(-DAY);

    it('is invited until the invitation is accepted, whatever the start', () => {
      expect(guestStatus({ acceptedAt: null, startsAt: at(-DAY), endsAt: at(DAY) }, NOW)).toBe('invited');
      expect(guestStatus({ acceptedAt: null, startsAt: at(DAY), endsAt: at(2 * DAY) }, NOW)).toBe('invited');
    });

    it('is starting before the start, active from it', () => {
      expect(guestStatus({ acceptedAt: accepted, startsAt: at(1), endsAt: at(DAY) }, NOW)).toBe('starting');
      expect(guestStatus({ acceptedAt: accepted, startsAt: NOW, endsAt: at(DAY) }, NOW)).toBe('active');
    });

    it('is ended from the end on, accepted or not', () => {
      expect(guestStatus({ acceptedAt: accepted, startsAt: at(-DAY), endsAt: at(1) }, NOW)).toBe('active');
      expect(guestStatus({ acceptedAt: accepted, startsAt: at(-DAY), endsAt: NOW }, NOW)).toBe('ended');
      expect(guestStatus({ acceptedAt: null, startsAt: at(-DAY), endsAt: at(-1) }, NOW)).toBe('ended');
      expect(guestStatus({ acceptedAt: accepted, startsAt: at(DAY), endsAt: at(-1) }, NOW)).toBe('ended');
    });
  });

  describe('matchesFilter', () => {
    it('shows everyone under all, and each status under its own filter', () => {
      for (const status of ['invited', 'starting', 'active', 'ended'] as const) {
        expect(matchesFilter(status, at(30 * DAY), 'all', NOW)).toBeTrue();
        expect(matchesFilter(status, at(30 * DAY), status, NOW)).toBeTrue();
        for (const other of ['invited', 'starting', 'active', 'ended'] as const) {
          if (other !== status) expect(matchesFilter(status, at(30 * DAY), other, NOW)).withContext(`${status} under ${other}`).toBeFalse();
        }
      }
    });

    it('counts as ending only active guests whose access ends within 7 days', () => {
      expect(matchesFilter('active', at(HOUR), 'ending', NOW)).toBeTrue();
      expect(matchesFilter('active', at(7 * DAY), 'ending', NOW)).toBeTrue();
      expect(matchesFilter('active', at(7 * DAY + 1), 'ending', NOW)).toBeFalse();
      expect(matchesFilter('starting', at(3 * DAY), 'ending', NOW)).toBeFalse();
      expect(matchesFilter('invited', at(3 * DAY), 'ending', NOW)).toBeFalse();
      expect(matchesFilter('ended', at(-DAY), 'ending', NOW)).toBeFalse();
    });
  });

  describe('reminderDue', () => {
    it('is nothing while more than 7 days are left', () => {
      expect(reminderDue(at(7 * DAY + 1), [], NOW)).toBeUndefined();
      expect(reminderDue(at(60 * DAY), [], NOW)).toBeUndefined();
    });

    it('is the 7-day reminder from 7 days before the end, once', () => {
      expect(reminderDue(at(7 * DAY), [], NOW)).toBe(7);
      expect(reminderDue(at(2 * DAY), [], NOW)).toBe(7);
      expect(reminderDue(at(2 * DAY), [7], NOW)).toBeUndefined();
    });

    it('is the 1-day reminder in the last day, even when the 7-day one never went out', () => {
      expect(reminderDue(at(DAY), [7], NOW)).toBe(1);
      expect(reminderDue(at(HOUR), [], NOW)).toBe(1);
      expect(reminderDue(at(HOUR), [7, 1], NOW)).toBeUndefined();
      expect(reminderDue(at(HOUR), [1], NOW)).toBeUndefined();
    });

    it('is nothing once the access has ended', () => {
      expect(reminderDue(NOW, [], NOW)).toBeUndefined();
      expect(reminderDue(at(-DAY), [], NOW)).toBeUndefined();
    });
  });
});
