/**
 * How many failed guesses of a secret a key may make, and what happens after. Counting is per key:
 * an account (keyed by the email's hash, so an unknown address behaves exactly like a known one)
 * and a client address (more lenient: an office behind one NAT shares it). Password reset
 * requests count on their own key, so requesting links for someone can't lock their sign-in.
 */
export type ThrottleKind = 'account' | 'ip' | 'reset' | 'reset-ip';

export interface ThrottlePolicy {
  /** Failures in a window that cost nothing. */
  freeFailures: number;
  /** The first failure past the free ones blocks the key this long; each further one doubles it… */
  firstDelaySeconds: number;
  /** …up to this. */
  maxDelaySeconds: number;
  /** From this many failures in a window the key is locked… */
  lockAfterFailures: number;
  /** …for this long (an administrator can lift an account lock earlier). */
  lockSeconds: number;
  /** A window ends after this long without a failure: the next failure counts from 1 again. */
  quietResetSeconds: number;
}

const MINUTE = 60;

/**
 * The policy of each kind of key, in one place. Account: failures 6, 7, 8, 9 wait 2, 4, 8, 16 s,
 * the 10th locks the account for 15 minutes. Address: 30 free, then 1 s doubling to 60 s, locked
 * at 100. Ten guesses per quarter-hour make guessing a password or a 6-digit code hopeless.
 */
export const THROTTLE_POLICIES: Readonly<Record<ThrottleKind, ThrottlePolicy>> = {
  account: { freeFailures: 5, firstDelaySeconds: 2, maxDelaySeconds: 5 * MINUTE, lockAfterFailures: 10, lockSeconds: 15 * MINUTE, quietResetSeconds: 15 * MINUTE },
  // Mail per address: 3 links free, then waits, then an hour's pause — no mailbox flooding.
  reset: { freeFailures: 3, firstDelaySeconds: 30, maxDelaySeconds: 10 * MINUTE, lockAfterFailures: 10, lockSeconds: 60 * MINUTE, quietResetSeconds: 60 * MINUTE },
  'reset-ip': { freeFailures: 30, firstDelaySeconds: 1, maxDelaySeconds: MINUTE, lockAfterFailures: 100, lockSeconds: 15 * MINUTE, quietResetSeconds: 15 * MINUTE },
  ip: { freeFailures: 30, firstDelaySeconds: 1, maxDelaySeconds: MINUTE, lockAfterFailures: 100, lockSeconds: 15 * MINUTE, quietResetSeconds: 15 * MINUTE },
};

/** Until when a key with `failures` failures in its window (the last one at `now`) is blocked; null: not at all. */
export function blockedUntilAfter(policy: ThrottlePolicy, failures: number, now: Date): Date | null {
  if (failures <= policy.freeFailures) return null;
  if (failures >= policy.lockAfterFailures) return new Date(now.getTime() + policy.lockSeconds * 1000);
  // Capping the exponent keeps 2 ** n finite whatever the policy's numbers.
  const doublings = Math.min(failures - policy.freeFailures - 1, 30);
  const delay = Math.min(policy.firstDelaySeconds * 2 ** doublings, policy.maxDelaySeconds);
  return new Date(now.getTime() + delay * 1000);
}

/** Whether a failure at `now` starts a new window (the previous one went quiet long enough). */
export function startsNewWindow(policy: ThrottlePolicy, lastFailureAt: Date, now: Date): boolean {
  return now.getTime() - lastFailureAt.getTime() >= policy.quietResetSeconds * 1000;
}

/** Whether this many failures means the temporary lock (not just a short delay). */
export function isLockLevel(policy: ThrottlePolicy, failures: number): boolean {
  return failures >= policy.lockAfterFailures;
}
