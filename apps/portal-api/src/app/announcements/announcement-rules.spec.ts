import { announcementStatus, checkAnnouncement, parseInstant, type Problems } from './announcement-rules';

describe('Announcement rules', () => {
  const NOW = new Date('2027-03-01T09:00:00Z');
  const at = (ms: number) => new Date(NOW.getTime() + ms);
  const HOUR = 60 * 60 * 1000;
  const DAY = 24 * HOUR;

  describe('parseInstant', () => {
    const parse = (value: unknown) => {
      const problems: Problems = {};
      return { date: parseInstant(value, 'publishAt', problems), problems };
    };

    it('reads date-times with an offset, as browsers send them', () => {
      expect(parse('2027-03-31T09:00:00Z').date?.toISOString()).toBe('2027-03-31T09:00:00.000Z');
      expect(parse('2027-03-31T09:00:00.123Z').date?.toISOString()).toBe('2027-03-31T09:00:00.123Z');
      expect(parse('2027-03-31T11:00+02:00').date?.toISOString()).toBe('2027-03-31T09:00:00.000Z');
    });

    it('refuses what is not a date-time with its offset, or is not on the calendar', () => {
      for (const value of ['next tuesday', '2027-03-31', '2027-03-31T09:00:00', 20270331, null]) {
        expect(parse(value).problems).withContext(String(value)).toEqual({ publishAt: ['Enter a date and time like 2027-03-31T09:00:00Z.'] });
      }
      for (const value of ['2027-02-30T09:00:00Z', '2027-13-01T09:00:00Z', '2027-03-01T24:30:00Z']) {
        expect(parse(value).problems).withContext(value).toEqual({ publishAt: ['This date does not exist.'] });
      }
    });
  });

  describe('checkAnnouncement', () => {
    const check = (input: Record<string, unknown>, stored?: { publishAt: Date; expiresAt: Date | null }) =>
      checkAnnouncement({ title: 'Title', body: 'Body', ...input } as never, NOW, stored);

    it('publishes now without a date, for everyone without groups, unpinned', () => {
      expect(check({}).checked).toEqual({ title: 'Title', body: 'Body', audienceGroups: [], publishAt: NOW, expiresAt: null, pinned: false, imageAlt: undefined });
    });

    it('trims the title, the end of the body and group names, and drops repeated groups', () => {
      expect(check({ title: '  Hi  ', body: 'Text\n\n  ', audienceGroups: [' IT ', 'IT', ''] }).checked).toEqual(
        jasmine.objectContaining({ title: 'Hi', body: 'Text', audienceGroups: ['IT'] }),
      );
    });

    it('requires an expiry after the publication and in the future', () => {
      expect(check({ publishAt: at(DAY).toISOString(), expiresAt: at(DAY).toISOString() }).problems).toEqual({ expiresAt: ['The expiry must come after the publication.'] });
      expect(check({ publishAt: at(-2 * HOUR).toISOString(), expiresAt: at(-HOUR).toISOString() }).problems).toEqual({ expiresAt: ['The expiry must be in the future.'] });
      expect(check({ expiresAt: at(-HOUR).toISOString() }).problems).toEqual({ expiresAt: ['The expiry must be in the future.'] });
    });

    it('lets dates already stored stay as they are when editing', () => {
      const stored = { publishAt: at(-2 * DAY), expiresAt: at(-DAY) };
      expect(check({ publishAt: stored.publishAt.toISOString(), expiresAt: stored.expiresAt.toISOString() }, stored).problems).toEqual({});
    });

    it('schedules at most a year ahead', () => {
      expect(check({ publishAt: at(365 * DAY).toISOString() }).problems).toEqual({});
      expect(check({ publishAt: at(366 * DAY).toISOString() }).problems).toEqual({ publishAt: ['Schedule it within 365 days.'] });
    });

    it('reports every problem together', () => {
      expect(Object.keys(check({ title: ' ', body: 'x'.repeat(20_001), expiresAt: 'soon' }).problems).sort()).toEqual(['body', 'expiresAt', 'title']);
    });
  });

  describe('announcementStatus', () => {
    it('is scheduled before its publication, published until its expiry, expired from then on', () => {
      expect(announcementStatus({ publishAt: at(1), expiresAt: null }, NOW)).toBe('scheduled');
      expect(announcementStatus({ publishAt: NOW, expiresAt: null }, NOW)).toBe('published');
      expect(announcementStatus({ publishAt: at(-DAY), expiresAt: at(1) }, NOW)).toBe('published');
      expect(announcementStatus({ publishAt: at(-DAY), expiresAt: NOW }, NOW)).toBe('expired');
    });
  });
});
