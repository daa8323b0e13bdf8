import { RECOVERY_CODE_COUNT } from '@passerelle/contracts';
import { AccountsService } from '../../../src/app/accounts/accounts.service';
import { SecondFactorService } from '../../../src/app/accounts/second-factor/second-factor.service';
import { totpCodeForStep, totpStep } from '../../../src/app/accounts/second-factor/totp';
import { AuditService } from '../../../src/app/audit/audit.service';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { Clock } from '../../../src/infra/clock';
import { usePortal } from '../../support/test-portal';

/** Mid-step, so T-1 and T+1 are both whole steps away from the boundary. */
const START = new Date('2031-05-06T07:08:15Z');
const PERIOD_MS = 30_000;

describe('Second factor (TOTP and recovery codes)', () => {
  const portal = usePortal();
  let now: Date;
  let userCount = 0;

  const service = () => portal.app.get(SecondFactorService);
  const stepAt = (offset = 0) => totpStep(START) + offset;
  const codeFor = (secret: string, offset = 0) => totpCodeForStep(secret, stepAt(offset));
  /** Moves the portal's clock to `offset` steps after START. */
  const travel = (offset: number) => (now = new Date(START.getTime() + offset * PERIOD_MS));

  beforeEach(() => {
    now = START;
    spyOn(portal.app.get(Clock), 'now').and.callFake(() => new Date(now));
  });

  async function newUser(): Promise<string> {
    userCount += 1;
    const email = `person${userCount}@acme.test`;
    return (await portal.app.get(AccountsService).createUser({ email, name: `Person ${userCount}` }, 'test', CLI_CONTEXT)).id;
  }

  /** A user with a confirmed authenticator (confirmed with the code of step START). */
  async function enrolledUser(): Promise<{ userId: string; secret: string; recoveryCodes: string[] }> {
    const userId = await newUser();
    const secret = await startEnrolment(userId);
    const recoveryCodes = await service().confirmEnrolment(userId, codeFor(secret), CLI_CONTEXT);
    return { userId, secret, recoveryCodes };
  }

  async function startEnrolment(userId: string): Promise<string> {
    const enrolment = await service().startEnrolment(userId, { issuer: 'Acme SA', accountName: 'someone@acme.test' });
    return enrolment.secret.replace(/ /g, '');
  }

  async function auditTypesFor(userId: string): Promise<string[]> {
    return (await portal.app.get(AuditService).latest(500)).filter((e) => e.subject === userId).map((e) => e.type);
  }

  describe('enrolment', () => {
    it('hands out a scannable enrolment, and nothing is enrolled until it is confirmed', async () => {
      const userId = await newUser();
      const enrolment = await service().startEnrolment(userId, { issuer: 'Acme SA', accountName: 'lea@acme.test' });
      expect(enrolment.secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
      expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret.replace(/ /g, '')}`);
      expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Acme%20SA:lea%40acme\.test\?/);
      expect(enrolment.qrSvg).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
      expect(enrolment).toEqual(jasmine.objectContaining({ issuer: 'Acme SA', accountName: 'lea@acme.test', algorithm: 'SHA1', digits: 6, period: 30 }));
      expect(await service().status(userId)).toEqual({ enrolled: false, enrolledAt: null, recoveryCodesLeft: 0 });
      expect(await service().verifyCode(userId, codeFor(enrolment.secret.replace(/ /g, '')))).toBe('invalid');
    });

    it('confirms with a code, returns the recovery codes once and then accepts the next code', async () => {
      const userId = await newUser();
      const secret = await startEnrolment(userId);
      const codes = await service().confirmEnrolment(userId, codeFor(secret), CLI_CONTEXT);
      expect(codes.length).toBe(RECOVERY_CODE_COUNT);
      const status = await service().status(userId);
      expect(status.enrolled).toBeTrue();
      expect(status.enrolledAt?.getTime()).toBe(START.getTime());
      expect(status.recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT);
      expect(await auditTypesFor(userId)).toContain('totp.enrolled');

      // The confirming code can't be used again to sign in...
      expect(await service().verifyCode(userId, codeFor(secret))).toBe('reused');
      // ...the next one works.
      travel(1);
      expect(await service().verifyCode(userId, codeFor(secret, 1))).toBe('ok');
    });

    it('refuses a wrong code and keeps the enrolment pending', async () => {
      const userId = await newUser();
      const secret = await startEnrolment(userId);
      const wrong = codeFor(secret) === '000000' ? '111111' : '000000';
      await expectAsync(service().confirmEnrolment(userId, wrong, CLI_CONTEXT)).toBeRejectedWith(
        jasmine.objectContaining({ code: 'totp_invalid', status: 400 }),
      );
      expect((await service().status(userId)).enrolled).toBeFalse();
      expect((await service().confirmEnrolment(userId, codeFor(secret), CLI_CONTEXT)).length).toBe(RECOVERY_CODE_COUNT);
    });

    it('refuses a confirmation when nothing is being enrolled', async () => {
      const { userId, secret } = await enrolledUser();
      travel(1);
      await expectAsync(service().confirmEnrolment(userId, codeFor(secret, 1), CLI_CONTEXT)).toBeRejectedWith(
        jasmine.objectContaining({ code: 'bad_request', status: 400 }),
      );
      await expectAsync(service().confirmEnrolment(await newUser(), '123456', CLI_CONTEXT)).toBeRejectedWith(
        jasmine.objectContaining({ code: 'bad_request', status: 400 }),
      );
    });

    it('keeps the active authenticator working while a replacement is pending, and switches on confirmation', async () => {
      const { userId, secret: oldSecret } = await enrolledUser();
      const newSecret = await startEnrolment(userId);
      expect(newSecret).not.toBe(oldSecret);

      travel(1);
      expect((await service().status(userId)).enrolled).toBeTrue();
      expect(await service().verifyCode(userId, codeFor(newSecret, 1))).toBe('invalid');
      expect(await service().verifyCode(userId, codeFor(oldSecret, 1))).toBe('ok');

      // A second start replaces the pending secret: the first replacement can no longer be confirmed.
      const newerSecret = await startEnrolment(userId);
      travel(2);
      await expectAsync(service().confirmEnrolment(userId, codeFor(newSecret, 2), CLI_CONTEXT)).toBeRejectedWith(
        jasmine.objectContaining({ code: 'totp_invalid' }),
      );
      await service().confirmEnrolment(userId, codeFor(newerSecret, 2), CLI_CONTEXT);

      travel(3);
      expect(await service().verifyCode(userId, codeFor(oldSecret, 3))).toBe('invalid');
      expect(await service().verifyCode(userId, codeFor(newerSecret, 3))).toBe('ok');
    });

    it('lets only one of two simultaneous confirmations through', async () => {
      const userId = await newUser();
      const secret = await startEnrolment(userId);
      const results = await Promise.allSettled([1, 2, 3].map(() => service().confirmEnrolment(userId, codeFor(secret), CLI_CONTEXT)));
      expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toEqual(jasmine.objectContaining({ code: 'bad_request' }));
      expect((await service().status(userId)).recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT);
    });
  });

  describe('codes at sign-in', () => {
    it('accepts a code once: a replay is reused', async () => {
      const { userId, secret } = await enrolledUser();
      travel(1);
      expect(await service().verifyCode(userId, codeFor(secret, 1))).toBe('ok');
      expect(await service().verifyCode(userId, codeFor(secret, 1))).toBe('reused');
      travel(2);
      expect(await service().verifyCode(userId, codeFor(secret, 1))).toBe('reused');
    });

    it('refuses a code from an earlier step than one already used', async () => {
      const { userId, secret } = await enrolledUser();
      travel(5);
      expect(await service().verifyCode(userId, codeFor(secret, 6))).toBe('ok'); // T+1
      expect(await service().verifyCode(userId, codeFor(secret, 5))).toBe('reused'); // T, still in the window
    });

    it('gives exactly one ok for simultaneous submissions of the same code', async () => {
      const { userId, secret } = await enrolledUser();
      travel(1);
      const code = codeFor(secret, 1);
      const verdicts = await Promise.all([1, 2, 3, 4, 5].map(() => service().verifyCode(userId, code)));
      expect(verdicts.filter((v) => v === 'ok').length).toBe(1);
      expect(verdicts.filter((v) => v === 'reused').length).toBe(4);
    });

    it('accepts one step of drift either way and refuses codes outside the window', async () => {
      const { userId, secret } = await enrolledUser();
      travel(10);
      const inWindow = [9, 10, 11].map((o) => codeFor(secret, o));
      for (const offset of [7, 8, 12, 13]) {
        const code = codeFor(secret, offset);
        if (inWindow.includes(code)) continue; // a collision with a code in the window: not a refusal to test
        expect(await service().verifyCode(userId, code)).withContext(`step ${offset - 10}`).toBe('invalid');
      }
      expect(await service().verifyCode(userId, codeFor(secret, 9))).toBe('ok');
      expect(await service().verifyCode(userId, codeFor(secret, 11))).toBe('ok');
    });

    it('refuses anything that is not a code, and codes for people without an authenticator', async () => {
      const { userId, secret } = await enrolledUser();
      travel(1);
      expect(await service().verifyCode(userId, 'abcdef')).toBe('invalid');
      expect(await service().verifyCode(userId, '')).toBe('invalid');
      expect(await service().verifyCode(await newUser(), codeFor(secret, 1))).toBe('invalid');
      // Spaces people type are fine.
      const code = codeFor(secret, 1);
      expect(await service().verifyCode(userId, `${code.slice(0, 3)} ${code.slice(3)}`)).toBe('ok');
    });
  });

  describe('recovery codes', () => {
    it('work once each, however they are typed', async () => {
      const { userId, recoveryCodes } = await enrolledUser();
      const [first, second] = recoveryCodes;
      expect(await service().useRecoveryCode(userId, first)).toBeTrue();
      expect(await service().useRecoveryCode(userId, first)).toBeFalse();
      expect(await service().useRecoveryCode(userId, ` ${second.toUpperCase().replace(/-/g, ' ')} `)).toBeTrue();
      expect((await service().status(userId)).recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 2);
      expect(await service().useRecoveryCode(userId, 'not a code')).toBeFalse();
    });

    it("don't work for someone else", async () => {
      const alice = await enrolledUser();
      const bob = await enrolledUser();
      expect(await service().useRecoveryCode(bob.userId, alice.recoveryCodes[0])).toBeFalse();
      expect(await service().useRecoveryCode(alice.userId, alice.recoveryCodes[0])).toBeTrue();
    });

    it('are spent by exactly one of simultaneous attempts', async () => {
      const { userId, recoveryCodes } = await enrolledUser();
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => service().useRecoveryCode(userId, recoveryCodes[3])));
      expect(results.filter(Boolean).length).toBe(1);
      expect((await service().status(userId)).recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 1);
    });

    it('are all replaced when regenerated', async () => {
      const { userId, recoveryCodes: old } = await enrolledUser();
      expect(await service().useRecoveryCode(userId, old[0])).toBeTrue();
      const fresh = await service().regenerateRecoveryCodes(userId, CLI_CONTEXT);
      expect(fresh.length).toBe(RECOVERY_CODE_COUNT);
      expect((await service().status(userId)).recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT);
      expect(await service().useRecoveryCode(userId, old[1])).toBeFalse();
      expect(await service().useRecoveryCode(userId, fresh[0])).toBeTrue();
      expect(await auditTypesFor(userId)).toContain('recovery_codes.regenerated');
    });

    it('are replaced when a new authenticator is confirmed', async () => {
      const { userId, recoveryCodes: old } = await enrolledUser();
      const secret = await startEnrolment(userId);
      travel(1);
      const fresh = await service().confirmEnrolment(userId, codeFor(secret, 1), CLI_CONTEXT);
      expect(await service().useRecoveryCode(userId, old[0])).toBeFalse();
      expect(await service().useRecoveryCode(userId, fresh[0])).toBeTrue();
    });

    it("can't be created without an authenticator", async () => {
      await expectAsync(service().regenerateRecoveryCodes(await newUser(), CLI_CONTEXT)).toBeRejectedWith(
        jasmine.objectContaining({ code: 'bad_request' }),
      );
    });
  });

  describe('storage', () => {
    it('keeps the secret sealed and recovery codes hashed', async () => {
      const { userId, secret, recoveryCodes } = await enrolledUser();
      const pending = await startEnrolment(userId);
      const credential = await portal.dataSource
        .createQueryBuilder()
        .select('*')
        .from('totp_credentials', 'c')
        .where('c.user_id = :userId', { userId })
        .getRawOne();
      const raw = JSON.stringify(credential).toUpperCase();
      expect(credential).toBeDefined();
      expect(raw).not.toContain(secret);
      expect(raw).not.toContain(pending);
      expect(credential.secret_sealed).toMatch(/^v1\./);
      expect(credential.pending_secret_sealed).toMatch(/^v1\./);

      const codes = await portal.dataSource.createQueryBuilder().select('*').from('recovery_codes', 'r').where('r.user_id = :userId', { userId }).getRawMany();
      expect(codes.length).toBe(RECOVERY_CODE_COUNT);
      const rawCodes = JSON.stringify(codes).toLowerCase();
      for (const code of recoveryCodes) {
        expect(rawCodes).not.toContain(code);
        expect(rawCodes).not.toContain(code.replace(/-/g, ''));
      }
      for (const row of codes) expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('administrator reset', () => {
    it('removes the authenticator and recovery codes, and is audited', async () => {
      const { userId, secret, recoveryCodes } = await enrolledUser();
      await service().reset(userId, 'admin-id', CLI_CONTEXT);
      expect(await service().status(userId)).toEqual({ enrolled: false, enrolledAt: null, recoveryCodesLeft: 0 });
      travel(1);
      expect(await service().verifyCode(userId, codeFor(secret, 1))).toBe('invalid');
      expect(await service().useRecoveryCode(userId, recoveryCodes[0])).toBeFalse();
      const events = (await portal.app.get(AuditService).latest(500)).filter((e) => e.subject === userId && e.type === 'totp.reset');
      expect(events.length).toBe(1);
      expect(events[0].actor).toBe('admin-id');

      // The next enrolment starts from scratch.
      const fresh = await startEnrolment(userId);
      expect((await service().confirmEnrolment(userId, codeFor(fresh, 1), CLI_CONTEXT)).length).toBe(RECOVERY_CODE_COUNT);
      expect((await service().status(userId)).enrolled).toBeTrue();
    });
  });
});
