import { createHash } from 'node:crypto';
import { normaliseEmail } from '../../accounts/accounts.service';
import type { ThrottleKind } from './throttle-policy';

/**
 * Always the hash of the typed address, never a user id: an address nobody has is counted and
 * blocked exactly like a real one, so the throttle can't tell an attacker which accounts exist.
 */
export function accountKey(email: string): string {
  return `account:${createHash('sha256').update(normaliseEmail(email), 'utf8').digest('hex')}`;
}

export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

/** The keys one attempt counts against: the account, and the client address when known. */
export function attemptKeys(email: string, ip: string | null): string[] {
  return ip ? [accountKey(email), ipKey(ip)] : [accountKey(email)];
}

/** Password reset requests for an address (hashed like accountKey), apart from its sign-in count. */
export function resetKey(email: string): string {
  return `reset:${accountKey(email).slice('account:'.length)}`;
}

/** Password reset requests from a client address, apart from that address's sign-in count. */
export function resetIpKey(ip: string): string {
  return `reset-ip:${ip}`;
}

export function kindOfKey(key: string): ThrottleKind {
  if (key.startsWith('reset-ip:')) return 'reset-ip';
  if (key.startsWith('account:')) return 'account';
  if (key.startsWith('reset:')) return 'reset';
  if (key.startsWith('ip:')) return 'ip';
  throw new Error(`Not a throttle key: ${key}`);
}
