import { BACKOFF_MAX_SECONDS, nextPollDelaySeconds } from './feed-schedule';

describe('feed schedule', () => {
  it('polls at the base interval while all is well', () => {
    expect(nextPollDelaySeconds(300, 0)).toBe(300);
  });

  it('doubles the interval for each failure in a row: interval × 2^failures', () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => nextPollDelaySeconds(300, failures))).toEqual([600, 1200, 2400, 4800, 9600, 19200]);
  });

  it('never waits more than six hours, however many failures', () => {
    expect(BACKOFF_MAX_SECONDS).toBe(21_600);
    expect(nextPollDelaySeconds(300, 7)).toBe(21_600);
    expect(nextPollDelaySeconds(300, 1_000)).toBe(21_600);
    expect(nextPollDelaySeconds(60, 9)).toBe(21_600);
    expect(nextPollDelaySeconds(60, 8)).toBe(15_360);
  });

  it('keeps a base interval longer than the cap', () => {
    expect(nextPollDelaySeconds(86_400, 0)).toBe(86_400);
    expect(nextPollDelaySeconds(86_400, 3)).toBe(86_400);
  });
});
