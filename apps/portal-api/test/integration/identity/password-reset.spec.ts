import { createHmac } from 'node:crypto';
import { AccountsService } from '../../../src/app/accounts/accounts.service';
import { UserEntity } from '../../../src/app/accounts/entities/user.entity';
import { SecondFactorService } from '../../../src/app/accounts/second-factor/second-factor.service';
import { AuditEventEntity } from '../../../src/app/audit/entities/audit-event.entity';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { AuthThrottleEntity } from '../../../src/app/identity/entities/auth-throttle.entity';
import { PasswordResetEntity } from '../../../src/app/identity/entities/password-reset.entity';
import { PasswordResetService } from '../../../src/app/identity/password-reset/password-reset.service';
import { LoginThrottleService } from '../../../src/app/identity/throttle/login-throttle.service';
import { accountKey } from '../../../src/app/identity/throttle/throttle-keys';
import { Clock } from '../../../src/infra/clock';
import { PasswordHasher } from '../../../src/infra/crypto/password-hasher';
import { OutboxMailEntity } from '../../../src/infra/mail/entities/outbox-mail.entity';
import { usePortal } from '../../support/test-portal';

const OLD_PASSWORD = 'the old long passphrase';
const NEW_PASSWORD = 'a brand new long passphrase';

/** RFC 6238 (SHA-1, 6 digits, 30 s), written out so the spec checks the service against the standard. */
function totpCode(base32Secret: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of base32Secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('Password reset by mail', () => {
  const portal = usePortal({ fresh: 'each' });
  let now: Date;

  beforeEach(() => {
    now = new Date('2026-03-02T09:00:10.000Z');
    spyOn(portal.app.get(Clock), 'now').and.callFake(() => new Date(now));
  });
  const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

  /** POST returning status, headers and the JSON body when there is one (204 has none). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function post(path: string, body: unknown): Promise<{ status: number; headers: Headers; body: any; raw: string }> {
    const response = await fetch(portal.at(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const raw = await response.text();
    return { status: response.status, headers: response.headers, body: raw ? JSON.parse(raw) : undefined, raw };
  }
  const requestReset = (email: string) => post('/api/auth/password-reset', { email });
  const check = (token: string) => post('/api/auth/password-reset/check', { token });
  const complete = (body: Record<string, string>) => post('/api/auth/password-reset/complete', { password: NEW_PASSWORD, ...body });

  const createUser = (email: string, locale: 'en' | 'fr' | null = null) =>
    portal.app.get(AccountsService).createUser({ email, name: 'Léa Roux', password: OLD_PASSWORD, locale }, 'test', CLI_CONTEXT);
  const mailsTo = async (email: string) => {
    await portal.app.get(PasswordResetService).settled();
    return portal.dataSource.getRepository(OutboxMailEntity).find({ where: { toAddress: email }, order: { createdAt: 'ASC' } });
  };
  /** The token of the latest reset link mailed to `email`. */
  const mailedToken = async (email: string) => {
    const mails = await mailsTo(email);
    const token = /\/reset-password#token=([\w-]+)/.exec(mails[mails.length - 1]?.textBody ?? '')?.[1];
    if (!token) throw new Error(`No reset link was mailed to ${email}`);
    return token;
  };
  const linkFor = async (email: string) => {
    expect((await requestReset(email)).status).toBe(202);
    advance(1);
    return mailedToken(email);
  };
  const passwordIs = async (email: string, password: string) => {
    const user = await portal.dataSource.getRepository(UserEntity).findOneByOrFail({ email });
    return portal.app.get(PasswordHasher).verify(user.passwordHash ?? '', password);
  };
  const audit = (type: string) => portal.dataSource.getRepository(AuditEventEntity).find({ where: { type }, order: { occurredAt: 'ASC' } });
  const enrol = async (email: string) => {
    const user = await portal.dataSource.getRepository(UserEntity).findOneByOrFail({ email });
    const secondFactor = portal.app.get(SecondFactorService);
    const enrolment = await secondFactor.startEnrolment(user.id, { issuer: 'Passerelle', accountName: email });
    const secret = new URL(enrolment.otpauthUri).searchParams.get('secret') as string;
    const recoveryCodes = await secondFactor.confirmEnrolment(user.id, totpCode(secret, now), CLI_CONTEXT);
    return { secret, recoveryCodes };
  };

  it('answers an unknown address exactly like a known one, and mails a link only to the known one', async () => {
    await createUser('lea@acme.test', 'fr');
    const known = await requestReset('lea@acme.test');
    const unknown = await requestReset('nobody@acme.test');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.raw).toBe(known.raw);
    expect(known.body).toEqual({});

    const mails = await mailsTo('lea@acme.test');
    expect(mails.length).toBe(1);
    expect(mails[0].subject).toBe('Réinitialisez votre mot de passe Passerelle');
    expect(mails[0].textBody).toContain(`${portal.config.publicUrl}/reset-password#token=`);
    expect(await mailsTo('nobody@acme.test')).toEqual([]);
    expect(await portal.dataSource.getRepository(OutboxMailEntity).count()).toBe(1);

    const requested = await audit('password_reset.requested');
    expect(requested.map((e) => [e.outcome, JSON.parse(e.details).reason ?? null])).toEqual(
      jasmine.arrayWithExactContents([['success', null], ['failure', 'unknown_email']]),
    );
    // Only the hash of the token is kept.
    const [stored] = await portal.dataSource.getRepository(PasswordResetEntity).find();
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(mails[0].textBody).not.toContain(stored.tokenHash);
  });

  it('sets a new password once, after which the old one no longer works and the link is spent', async () => {
    await createUser('lea@acme.test');
    const token = await linkFor('lea@acme.test');
    expect((await mailsTo('lea@acme.test'))[0].subject).toBe('Reset your Passerelle password');
    expect((await check(token)).body).toEqual({ valid: true, needsSecondFactor: false });

    const done = await complete({ token });
    expect(done.status).toBe(204);
    expect(done.raw).toBe('');
    expect(await passwordIs('lea@acme.test', NEW_PASSWORD)).toBeTrue();
    expect(await passwordIs('lea@acme.test', OLD_PASSWORD)).toBeFalse();
    const user = await portal.dataSource.getRepository(UserEntity).findOneByOrFail({ email: 'lea@acme.test' });
    expect(user.passwordChangedAt?.getTime()).toBe(now.getTime());

    const again = await complete({ token, password: 'yet another long passphrase' });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('reset_link_used');
    expect((await check(token)).body).toEqual({ valid: false, reason: 'reset_link_used', needsSecondFactor: false });
    expect(await passwordIs('lea@acme.test', NEW_PASSWORD)).toBeTrue();
    const completed = await audit('password_reset.completed');
    expect(completed.map((e) => e.outcome)).toEqual(['success', 'failure']);
    expect(completed[0].subject).toBe(user.id);
  });

  it('resets once when the same link is submitted twice at the same moment', async () => {
    await createUser('lea@acme.test');
    const token = await linkFor('lea@acme.test');
    const results = await Promise.all([complete({ token }), complete({ token, password: 'the other long passphrase' })]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 410]);
    expect((await audit('password_reset.completed')).filter((e) => e.outcome === 'success').length).toBe(1);
  });

  it('refuses an expired link, a superseded link and a made-up one', async () => {
    await createUser('lea@acme.test');
    const first = await linkFor('lea@acme.test');
    advance(29 * 60);
    const second = await linkFor('lea@acme.test');
    expect((await check(first)).body.reason).toBe('reset_link_expired');
    expect((await check(second)).body.valid).toBeTrue();
    advance(31 * 60);
    expect((await check(second)).body).toEqual({ valid: false, reason: 'reset_link_expired', needsSecondFactor: false });
    const late = await complete({ token: second });
    expect(late.status).toBe(410);
    expect(late.body.code).toBe('reset_link_expired');

    const madeUp = await complete({ token: 'x'.repeat(43) });
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.code).toBe('reset_link_invalid');
    expect((await check('nonsense')).body).toEqual({ valid: false, reason: 'reset_link_invalid', needsSecondFactor: false });
    expect(await passwordIs('lea@acme.test', OLD_PASSWORD)).toBeTrue();
  });

  it('refuses a short password and keeps the link usable', async () => {
    await createUser('lea@acme.test');
    const token = await linkFor('lea@acme.test');
    const short = await complete({ token, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('validation_failed');
    expect(short.body.fields.password).toBeDefined();
    expect((await check(token)).body.valid).toBeTrue();
  });

  it('needs a code from the authenticator when the account has one', async () => {
    await createUser('lea@acme.test');
    const { secret } = await enrol('lea@acme.test');
    const token = await linkFor('lea@acme.test');
    expect((await check(token)).body).toEqual({ valid: true, needsSecondFactor: true });

    const missing = await complete({ token });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('second_factor_required');
    const wrong = await complete({ token, code: totpCode(secret, now) === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('totp_invalid');
    expect(await passwordIs('lea@acme.test', OLD_PASSWORD)).toBeTrue();

    advance(30); // the enrolment spent the current code
    const code = totpCode(secret, now);
    expect((await complete({ token, code })).status).toBe(204);
    expect(await passwordIs('lea@acme.test', NEW_PASSWORD)).toBeTrue();
    expect(JSON.parse((await audit('password_reset.completed')).pop()?.details ?? '{}')).toEqual({ secondFactor: 'totp' });

    const again = await complete({ token: await linkFor('lea@acme.test'), code });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('totp_reused');
  });

  it('accepts a recovery code instead, once', async () => {
    await createUser('lea@acme.test');
    const { recoveryCodes } = await enrol('lea@acme.test');
    const token = await linkFor('lea@acme.test');
    expect((await complete({ token, recoveryCode: recoveryCodes[0] })).status).toBe(204);
    expect(await passwordIs('lea@acme.test', NEW_PASSWORD)).toBeTrue();

    const next = await linkFor('lea@acme.test');
    const reused = await complete({ token: next, recoveryCode: recoveryCodes[0], password: 'yet another long passphrase' });
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe('recovery_code_invalid');
    expect(await passwordIs('lea@acme.test', NEW_PASSWORD)).toBeTrue();
  });

  it('blocks wrong second factors after a few, with Retry-After', async () => {
    await createUser('lea@acme.test');
    await enrol('lea@acme.test');
    const token = await linkFor('lea@acme.test');
    // Six wrong recovery codes: the sixth failure brings a delay.
    for (let i = 0; i < 6; i++) expect((await complete({ token, recoveryCode: 'aaaaa-bbbbb' })).body.code).toBe('recovery_code_invalid');
    const blocked = await complete({ token, recoveryCode: 'aaaaa-bbbbb' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('throttles reset requests the same way for unknown and known addresses, without locking sign-in', async () => {
    await createUser('lea@acme.test');
    const statuses = async (email: string) => {
      const seen: Array<[number, string | null]> = [];
      for (let i = 0; i < 5; i++) {
        const response = await requestReset(email);
        seen.push([response.status, response.headers.get('retry-after')]);
      }
      return seen;
    };
    const known = await statuses('lea@acme.test');
    expect(known.slice(0, 4).every(([status]) => status === 202)).toBeTrue();
    expect(known[4]).toEqual([429, '30']);
    expect(await statuses('nobody@acme.test')).toEqual(known);
    expect((await mailsTo('lea@acme.test')).length).toBe(4);
    // Asking for links is counted apart: it never locks the person's sign-in.
    expect(await portal.app.get(LoginThrottleService).check([accountKey('lea@acme.test')])).toEqual({ allowed: true });
  });

  it('waits out an account lock, and a completed reset clears the count', async () => {
    await createUser('lea@acme.test');
    const throttle = portal.app.get(LoginThrottleService);
    const token = await linkFor('lea@acme.test');
    for (let i = 0; i < 10; i++) await throttle.recordFailure([accountKey('lea@acme.test')], CLI_CONTEXT);
    const locked = await complete({ token });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too_many_attempts');
    expect(locked.headers.get('retry-after')).toBe('900');

    advance(15 * 60);
    expect((await complete({ token })).status).toBe(204);
    expect(await portal.dataSource.getRepository(AuthThrottleEntity).findOneBy({ key: accountKey('lea@acme.test') })).toBeNull();
  });
});
