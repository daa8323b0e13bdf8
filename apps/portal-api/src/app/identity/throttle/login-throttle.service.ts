import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '../../../infra/clock';
import { normaliseEmail } from '../../accounts/accounts.service';
import { UserEntity } from '../../accounts/entities/user.entity';
import { AuditService } from '../../audit/audit.service';
import type { RequestContext } from '../../http/request-context';
import { AuthThrottleEntity } from '../entities/auth-throttle.entity';
import { accountKey, kindOfKey } from './throttle-keys';
import { THROTTLE_POLICIES, blockedUntilAfter, isLockLevel, startsNewWindow } from './throttle-policy';
import { TooManyAttemptsError } from './too-many-attempts';

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Who failed, for the audit event when a key gets locked: the user when the caller knows one. */
export interface ThrottleContext extends RequestContext {
  userId?: string | null;
}

/**
 * Counts failed guesses of secrets (password, TOTP, recovery code, reset requests) per key in the
 * database, so every portal process shares the counts, and answers whether the next attempt may be
 * checked at all. The policy lives in throttle-policy.ts; the keys in throttle-keys.ts.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Read-only: whether every key may try now, else how long the longest block still lasts. */
  async check(keys: string[]): Promise<ThrottleDecision> {
    if (keys.length === 0) return { allowed: true };
    const rows = await this.dataSource.getRepository(AuthThrottleEntity).findBy({ key: In([...new Set(keys)]) });
    return decide(rows.map((r) => r.blockedUntil), this.clock.now());
  }

  /** check(), throwing 429 too_many_attempts (with the wait) when blocked. */
  async assertAllowed(keys: string[]): Promise<void> {
    const decision = await this.check(keys);
    if (!decision.allowed) throw new TooManyAttemptsError(decision.retryAfterSeconds);
  }

  /**
   * Counts one failure against each key, atomically: the row is created if missing (insert-or-ignore)
   * and locked (FOR UPDATE on PostgreSQL; SQLite transactions are serialised) before it is read and
   * rewritten, so concurrent failures are each counted. Keys are taken in sorted order so two
   * transactions never wait on each other. Returns whether the keys are blocked now.
   */
  async recordFailure(keys: string[], context: ThrottleContext): Promise<ThrottleDecision> {
    const sorted = [...new Set(keys)].sort();
    if (sorted.length === 0) return { allowed: true };
    const blocked = await this.dataSource.transaction(async (tx) => {
      const until: Array<Date | null> = [];
      for (const key of sorted) until.push(await this.countFailure(tx, key, context));
      return until;
    });
    return decide(blocked, this.clock.now());
  }

  /**
   * Checks and counts one attempt in one transaction: refused (429) when a key is blocked now;
   * otherwise the attempt is counted as a failure before the secret is checked, so guesses sent in
   * parallel can't all pass the check before the first failures are written. A secret that proves
   * right gives its count back with refund().
   */
  async reserve(keys: string[], context: ThrottleContext): Promise<void> {
    const sorted = [...new Set(keys)].sort();
    const now = this.clock.now();
    const blocked = await this.dataSource.transaction(async (tx) => {
      const rows = [];
      for (const key of sorted) rows.push(await this.lockRow(tx, key));
      const until = rows.map((row) => (row.blockedUntil && row.blockedUntil > now ? row.blockedUntil : null));
      if (until.some(Boolean)) return until;
      for (const key of sorted) await this.countFailure(tx, key, context);
      return [];
    });
    const decision = decide(blocked, now);
    if (!decision.allowed) throw new TooManyAttemptsError(decision.retryAfterSeconds);
  }

  /** Gives back what reserve() counted, once the secret proved right. */
  async refund(keys: string[]): Promise<void> {
    const sorted = [...new Set(keys)].sort();
    await this.dataSource.transaction(async (tx) => {
      for (const key of sorted) {
        const row = await this.lockRow(tx, key);
        const failures = Math.max(0, row.failures - 1);
        const blockedUntil = failures === 0 ? null : blockedUntilAfter(THROTTLE_POLICIES[kindOfKey(key)], failures, row.lastFailureAt);
        await tx.update(AuthThrottleEntity, { key }, { failures, blockedUntil });
      }
    });
  }

  /** A proven secret clears the account's count (not the address's: one good password must not reset an attacker's address). */
  async recordSuccess(keys: string[]): Promise<void> {
    const accountKeys = keys.filter((key) => kindOfKey(key) === 'account');
    if (accountKeys.length) await this.dataSource.getRepository(AuthThrottleEntity).delete({ key: In(accountKeys) });
  }

  /** An administrator lifts an account's lock (and its delays) at once. */
  async unlock(email: string, actor: string, context: RequestContext): Promise<void> {
    const key = accountKey(email);
    await this.dataSource.transaction(async (tx) => {
      const row = await tx.findOneBy(AuthThrottleEntity, { key });
      const wasLocked = !!row && this.isLocked(row, this.clock.now());
      await tx.delete(AuthThrottleEntity, { key });
      const user = await tx.findOneBy(UserEntity, { email: normaliseEmail(email) });
      await this.audit.record({ type: 'auth.unlocked', outcome: 'success', actor, subject: user?.id ?? null, details: { wasLocked } }, context, tx);
    });
  }

  /** The end of the account's temporary lock, or null when it is not locked (short delays don't count). */
  async lockedUntil(email: string): Promise<Date | null> {
    const row = await this.dataSource.getRepository(AuthThrottleEntity).findOneBy({ key: accountKey(email) });
    return row && this.isLocked(row, this.clock.now()) ? row.blockedUntil : null;
  }

  private isLocked(row: AuthThrottleEntity, now: Date): boolean {
    return isLockLevel(THROTTLE_POLICIES[kindOfKey(row.key)], row.failures) && !!row.blockedUntil && row.blockedUntil > now;
  }

  /** The key's row, created if missing, locked for this transaction (FOR UPDATE on PostgreSQL; SQLite serialises). */
  private async lockRow(tx: EntityManager, key: string): Promise<AuthThrottleEntity> {
    const placeholder = this.clock.now();
    await tx
      .createQueryBuilder()
      .insert()
      .into(AuthThrottleEntity)
      .values({ key, failures: 0, windowStartedAt: placeholder, lastFailureAt: placeholder, blockedUntil: null })
      .orIgnore()
      .execute();
    const query = tx.createQueryBuilder(AuthThrottleEntity, 'throttle').where('throttle.key = :key', { key });
    if (this.dataSource.options.type === 'postgres') query.setLock('pessimistic_write');
    return query.getOneOrFail();
  }

  private async countFailure(tx: EntityManager, key: string, context: ThrottleContext): Promise<Date | null> {
    const policy = THROTTLE_POLICIES[kindOfKey(key)];
    const placeholder = this.clock.now();
    await tx
      .createQueryBuilder()
      .insert()
      .into(AuthThrottleEntity)
      .values({ key, failures: 0, windowStartedAt: placeholder, lastFailureAt: placeholder, blockedUntil: null })
      .orIgnore()
      .execute();
    const query = tx.createQueryBuilder(AuthThrottleEntity, 'throttle').where('throttle.key = :key', { key });
    if (this.dataSource.options.type === 'postgres') query.setLock('pessimistic_write');
    const row = await query.getOneOrFail();

    // Read the time once the row is ours, so a failure that waited for the lock is not dated earlier than the one before it.
    const now = this.clock.now();
    const fresh = row.failures === 0 || startsNewWindow(policy, row.lastFailureAt, now);
    const failures = fresh ? 1 : row.failures + 1;
    const blockedUntil = later(fresh ? null : row.blockedUntil, blockedUntilAfter(policy, failures, now));
    await tx.update(
      AuthThrottleEntity,
      { key },
      { failures, windowStartedAt: fresh ? now : row.windowStartedAt, lastFailureAt: now > row.lastFailureAt ? now : row.lastFailureAt, blockedUntil },
    );
    // Exactly one failure reaches the threshold (counts only grow by one, under the row lock), so this is audited once.
    if (failures === policy.lockAfterFailures) {
      const kind = kindOfKey(key);
      await this.audit.record(
        {
          type: 'auth.locked',
          outcome: 'failure',
          subject: kind === 'account' ? (context.userId ?? null) : null,
          details: { kind, key, failures, until: (blockedUntil as Date).toISOString() },
        },
        context,
        tx,
      );
    }
    return blockedUntil;
  }
}

function decide(blockedUntil: Array<Date | null>, now: Date): ThrottleDecision {
  const waits = blockedUntil.map((until) => (until ? until.getTime() - now.getTime() : 0));
  const longest = Math.max(0, ...waits);
  return longest > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(longest / 1000) } : { allowed: true };
}

function later(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
