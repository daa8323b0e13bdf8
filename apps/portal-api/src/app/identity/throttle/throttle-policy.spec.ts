import { accountKey, attemptKeys, ipKey, kindOfKey } from './throttle-keys';
import { THROTTLE_POLICIES, blockedUntilAfter, isLockLevel, startsNewWindow } from './throttle-policy';

const now = new Date('2026-03-01T10:00:00.000Z');
const waitAfter = (kind: 'account' | 'ip', failures: number): number | null => {
  const until = blockedUntilAfter(THROTTLE_POLICIES[kind], failures, now);
  return until ? (until.getTime() - now.getTime()) / 1000 : null;
};

describe('Throttle policy', () => {
  it('lets an account fail 5 times for free, then doubles the wait from 2 s, then locks it for 15 minutes at 10', () => {
    expect([1, 2, 3, 4, 5].map((n) => waitAfter('account', n))).toEqual([null, null, null, null, null]);
    expect([6, 7, 8, 9].map((n) => waitAfter('account', n))).toEqual([2, 4, 8, 16]);
    expect(waitAfter('account', 10)).toBe(15 * 60);
    expect(waitAfter('account', 25)).toBe(15 * 60);
    expect(isLockLevel(THROTTLE_POLICIES.account, 9)).toBeFalse();
    expect(isLockLevel(THROTTLE_POLICIES.account, 10)).toBeTrue();
  });

  it('is more lenient with an address: 30 free, waits capped at a minute, locked at 100', () => {
    expect(waitAfter('ip', 30)).toBeNull();
    expect([31, 32, 33].map((n) => waitAfter('ip', n))).toEqual([1, 2, 4]);
    expect(waitAfter('ip', 99)).toBe(60);
    expect(waitAfter('ip', 100)).toBe(15 * 60);
  });

  it('caps the growing delay even for a policy whose lock comes late', () => {
    const policy = { ...THROTTLE_POLICIES.account, lockAfterFailures: 10_000 };
    expect(blockedUntilAfter(policy, 9_999, now)?.getTime()).toBe(now.getTime() + policy.maxDelaySeconds * 1000);
  });

  it('starts a new window after 15 quiet minutes, not before', () => {
    const last = new Date(now.getTime() - 15 * 60_000 + 1);
    expect(startsNewWindow(THROTTLE_POLICIES.account, last, now)).toBeFalse();
    expect(startsNewWindow(THROTTLE_POLICIES.account, new Date(now.getTime() - 15 * 60_000), now)).toBeTrue();
  });
});

describe('Throttle keys', () => {
  it('keys an account by the hash of its normalised address, never the address itself', () => {
    expect(accountKey(' Lea@Acme.TEST ')).toBe(accountKey('lea@acme.test'));
    expect(accountKey('lea@acme.test')).toMatch(/^account:[0-9a-f]{64}$/);
    expect(accountKey('lea@acme.test')).not.toContain('lea');
    expect(ipKey('203.0.113.7')).toBe('ip:203.0.113.7');
    expect(attemptKeys('lea@acme.test', null)).toEqual([accountKey('lea@acme.test')]);
    expect(attemptKeys('lea@acme.test', '::1').map(kindOfKey)).toEqual(['account', 'ip']);
  });
});
