import { AccountsService } from '../../../src/app/accounts/accounts.service';
import { AuditEventEntity } from '../../../src/app/audit/entities/audit-event.entity';
import { CLI_CONTEXT, type RequestContext } from '../../../src/app/http/request-context';
import { AuthThrottleEntity } from '../../../src/app/identity/entities/auth-throttle.entity';
import { LoginThrottleService } from '../../../src/app/identity/throttle/login-throttle.service';
import { accountKey, attemptKeys, ipKey } from '../../../src/app/identity/throttle/throttle-keys';
import { Clock } from '../../../src/infra/clock';
import { usePortal } from '../../support/test-portal';

const context: RequestContext = { ip: '198.51.100.9', requestId: 'spec' };

describe('Sign-in throttling', () => {
  const portal = usePortal({ fresh: 'each' });
  let now: Date;
  let throttle: LoginThrottleService;

  beforeEach(() => {
    now = new Date('2026-03-02T09:00:00.000Z');
    spyOn(portal.app.get(Clock), 'now').and.callFake(() => new Date(now));
    throttle = portal.app.get(LoginThrottleService);
  });
  const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
  const failures = async (key: string) => (await portal.dataSource.getRepository(AuthThrottleEntity).findOneBy({ key }))?.failures ?? 0;
  const auditOf = (type: string) => portal.dataSource.getRepository(AuditEventEntity).findBy({ type });

  it('delays an account after 5 failures and locks it for 15 minutes at the 10th, audited once', async () => {
    const user = await portal.app.get(AccountsService).createUser({ email: 'lea@acme.test', name: 'Léa' }, 'test', CLI_CONTEXT);
    const keys = attemptKeys('lea@acme.test', context.ip);
    for (let i = 0; i < 5; i++) expect(await throttle.recordFailure(keys, { ...context, userId: user.id })).toEqual({ allowed: true });
    expect(await throttle.recordFailure(keys, context)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(await throttle.check(keys)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    advance(2);
    expect(await throttle.check(keys)).toEqual({ allowed: true });
    for (let i = 7; i <= 9; i++) {
      await throttle.recordFailure(keys, { ...context, userId: user.id });
      advance(60);
    }
    expect(await throttle.lockedUntil('lea@acme.test')).toBeNull();
    expect(await throttle.recordFailure(keys, { ...context, userId: user.id })).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(await throttle.lockedUntil('LEA@acme.test')).toEqual(new Date(now.getTime() + 900_000));
    // A further failure (say, one that was already under way) extends the lock but is not a new lock event.
    await throttle.recordFailure(keys, { ...context, userId: user.id });

    const locked = await auditOf('auth.locked');
    expect(locked.length).toBe(1);
    expect(locked[0]).toEqual(jasmine.objectContaining({ subject: user.id, ip: context.ip, outcome: 'failure' }));
    expect(JSON.parse(locked[0].details)).toEqual(jasmine.objectContaining({ kind: 'account', failures: 10 }));
  });

  it('treats an address nobody has exactly like a real one', async () => {
    await portal.app.get(AccountsService).createUser({ email: 'real@acme.test', name: 'Real' }, 'test', CLI_CONTEXT);
    const decisions = async (email: string) => {
      const seen = [];
      for (let i = 0; i < 10; i++) seen.push(await throttle.recordFailure([accountKey(email)], CLI_CONTEXT));
      return seen;
    };
    expect(await decisions('nobody@acme.test')).toEqual(await decisions('real@acme.test'));
    expect(await throttle.lockedUntil('nobody@acme.test')).not.toBeNull();
  });

  it('lets an administrator unlock an account, audited; the address keeps its count', async () => {
    const keys = attemptKeys('lea@acme.test', context.ip);
    for (let i = 0; i < 10; i++) await throttle.recordFailure(keys, context);
    expect(await throttle.check(keys)).toEqual({ allowed: false, retryAfterSeconds: 900 });

    await throttle.unlock('lea@acme.test', 'admin-id', CLI_CONTEXT);
    expect(await throttle.lockedUntil('lea@acme.test')).toBeNull();
    expect(await throttle.check([accountKey('lea@acme.test')])).toEqual({ allowed: true });
    expect(await failures(ipKey(context.ip as string))).toBe(10);
    const unlocked = await auditOf('auth.unlocked');
    expect(unlocked.length).toBe(1);
    expect(unlocked[0].actor).toBe('admin-id');
    expect(JSON.parse(unlocked[0].details)).toEqual({ wasLocked: true });
  });

  it('clears the account count on success but not the address count', async () => {
    const keys = attemptKeys('lea@acme.test', context.ip);
    for (let i = 0; i < 4; i++) await throttle.recordFailure(keys, context);
    await throttle.recordSuccess(keys);
    expect(await failures(accountKey('lea@acme.test'))).toBe(0);
    expect(await failures(ipKey(context.ip as string))).toBe(4);
  });

  it('starts counting again after 15 minutes without failures', async () => {
    const key = accountKey('lea@acme.test');
    for (let i = 0; i < 7; i++) await throttle.recordFailure([key], context);
    expect(await failures(key)).toBe(7);
    advance(15 * 60 - 1);
    await throttle.recordFailure([key], context);
    expect(await failures(key)).toBe(8);
    advance(15 * 60);
    expect(await throttle.recordFailure([key], context)).toEqual({ allowed: true });
    expect(await failures(key)).toBe(1);
  });

  it('counts every one of many simultaneous failures', async () => {
    const keys = attemptKeys('lea@acme.test', context.ip);
    await Promise.all(Array.from({ length: 25 }, () => throttle.recordFailure(keys, context)));
    expect(await failures(accountKey('lea@acme.test'))).toBe(25);
    expect(await failures(ipKey(context.ip as string))).toBe(25);
    expect((await auditOf('auth.locked')).length).toBe(1);
    expect(await throttle.lockedUntil('lea@acme.test')).not.toBeNull();
  });

  it('lets at most the free attempts and one more through when guesses arrive all at once', async () => {
    const keys = attemptKeys('lea@acme.test', context.ip);
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => throttle.reserve(keys, context)));
    // 5 free, and the 6th is checked before its delay starts; every other one is refused unchecked.
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(6);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'too_many_attempts')).toBeTrue();
  });

  it('gives back a reserved attempt when the secret was right', async () => {
    const keys = attemptKeys('lea@acme.test', context.ip);
    for (let i = 0; i < 3; i++) await throttle.reserve(keys, context);
    await throttle.refund(keys);
    expect(await failures(accountKey('lea@acme.test'))).toBe(2);
    expect(await failures(ipKey(context.ip as string))).toBe(2);
  });
});
