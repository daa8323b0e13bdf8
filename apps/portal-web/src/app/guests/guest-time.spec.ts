import { TestBed } from '@angular/core/testing';
import { provideTestI18n } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { addDays, addMonths, calendarDaysBetween, endOfDayIso, lastEndDay, parseDay, startOfDayIso } from './guest-dates';
import { GuestTime } from './guest-time';
import { at, guestView, provideSpecNow } from './testing/guest-fixtures';

describe('guest dates', () => {
  it('reads a date field as a day in the browser’s time zone; an end lasts through that day', () => {
    expect(parseDay('2027-02-30')).toBeNull();
    expect(parseDay('31/03/2027')).toBeNull();
    expect(endOfDayIso('2027-03-31')).toBe(new Date(2027, 2, 31, 23, 59, 59, 999).toISOString());
    expect(startOfDayIso('2027-04-02')).toBe(new Date(2027, 3, 2).toISOString());
    expect(endOfDayIso('nope')).toBeNull();
  });

  it('moves by calendar days and months, the 31st becoming the end of a shorter month', () => {
    expect(addDays('2027-03-01', 7)).toBe('2027-03-08');
    expect(addDays('2027-12-30', 3)).toBe('2028-01-02');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-03-01', 3)).toBe('2027-06-01');
    expect(lastEndDay('2027-03-01', 90)).toBe('2027-05-29');
    expect(calendarDaysBetween(new Date(2027, 2, 1, 23, 0), new Date(2027, 2, 2, 1, 0))).toBe(1);
    expect(calendarDaysBetween(new Date(2027, 2, 4, 1, 0), new Date(2027, 2, 1, 23, 0))).toBe(-3);
  });
});

describe('GuestTime', () => {
  let time: GuestTime;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideTestI18n(), provideSpecNow()] });
    time = TestBed.inject(GuestTime);
  });

  const ending = (year: number, month: number, day: number) => guestView({ endsAt: new Date(year, month - 1, day, 23, 59, 59, 999).toISOString() });

  it('says the time left in words, counted in calendar days', () => {
    expect(time.remaining(ending(2027, 3, 13))).toBe('12 days left');
    expect(time.remaining(ending(2027, 3, 2))).toBe('ends tomorrow');
    expect(time.remaining(ending(2027, 3, 1))).toBe('ends today');
    expect(time.remaining(guestView({ status: 'ended', endsAt: at(2027, 2, 26, 18) }))).toBe('ended 3 days ago');
    expect(time.remaining(guestView({ status: 'ended', revokedAt: at(2027, 3, 1, 9), endsAt: at(2027, 3, 1, 9) }))).toBe('ended today');
    expect(time.remaining(guestView({ status: 'starting', startsAt: at(2027, 3, 3) }))).toBe('starts in 2 days');
  });

  it('in French too', () => {
    TestBed.inject(I18nService).setLocale('fr');
    expect(time.remaining(ending(2027, 3, 13))).toBe('12 jours restants');
    expect(time.remaining(ending(2027, 3, 2))).toBe('se termine demain');
    expect(time.remaining(guestView({ status: 'ended', endsAt: at(2027, 2, 26, 18) }))).toBe('terminé il y a 3 jours');
    expect(time.date(ending(2027, 3, 31).endsAt)).toBe('31 mars 2027');
    expect(time.dateTime(at(2027, 3, 31, 18))).toBe('31 mars 2027 à 18:00');
  });

  it('writes English dates the British way: day first, 24-hour clock', () => {
    expect(time.date(ending(2027, 3, 31).endsAt)).toBe('31 March 2027');
    expect(time.dateTime(at(2027, 3, 31, 20, 7))).toBe('31 March 2027 at 20:07');
    expect(time.date(null)).toBe('');
    expect(time.date('not a date')).toBe('not a date');
  });

  it('picks out active guests whose access ends within 7 days', () => {
    expect(time.badge(ending(2027, 3, 13))).toBe('active');
    expect(time.badge(ending(2027, 3, 7))).toBe('ending');
    expect(time.badge(guestView({ status: 'invited', endsAt: ending(2027, 3, 2).endsAt }))).toBe('invited');
  });
});
