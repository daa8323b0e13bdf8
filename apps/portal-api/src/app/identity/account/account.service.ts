import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccountSecurity, RecoveryCodes, TotpEnrolment } from '@passerelle/contracts';
import { DataSource } from 'typeorm';
import { Clock } from '../../../infra/clock';
import { PasswordHasher } from '../../../infra/crypto/password-hasher';
import { passwordProblem } from '../../accounts/accounts.service';
import { UserEntity } from '../../accounts/entities/user.entity';
import { SecondFactorService } from '../../accounts/second-factor/second-factor.service';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { InstanceService } from '../../instance/instance.service';
import type { PortalUser } from '../session/portal-user';
import { SessionsService } from '../sessions/sessions.service';
import { LoginThrottleService } from '../throttle/login-throttle.service';
import { attemptKeys } from '../throttle/throttle-keys';

/**
 * Self-service on one's own account. Sensitive changes re-check a secret (the current password,
 * or a code from the authenticator or a recovery code), throttled like sign-in.
 */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly secondFactor: SecondFactorService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly instance: InstanceService,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
  ) {}

  async security(user: PortalUser): Promise<AccountSecurity> {
    const status = await this.secondFactor.status(user.id);
    const row = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    return {
      totpEnrolledAt: status.enrolledAt?.toISOString() ?? null,
      recoveryCodesLeft: status.recoveryCodesLeft,
      passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
    };
  }

  async updateProfile(user: PortalUser, change: { name?: string; locale?: string | null }, context: RequestContext): Promise<void> {
    const update: Partial<UserEntity> = {};
    if (change.name !== undefined) update.name = change.name.trim();
    if (change.locale !== undefined) update.locale = change.locale;
    if (update.name === '') throw new AppError('validation_failed', 400, 'Some fields are missing or not valid.', { name: ['Enter your name.'] });
    if (Object.keys(update).length === 0) return;
    await this.dataSource.transaction(async (tx) => {
      await tx.update(UserEntity, { id: user.id }, update);
      await this.audit.record({ type: 'account.profile_updated', outcome: 'success', actor: user.id, subject: user.id, details: { fields: Object.keys(update).join(',') } }, context, tx);
    });
  }

  async changePassword(user: PortalUser, currentPassword: string, newPassword: string, context: RequestContext): Promise<void> {
    const keys = attemptKeys(user.email, context.ip);
    await this.throttle.reserve(keys, context);
    const row = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    if (!row.passwordHash || !(await this.hasher.verify(row.passwordHash, currentPassword))) {
      await this.audit.record({ type: 'account.password_changed', outcome: 'failure', actor: user.id, subject: user.id, details: { reason: 'wrong_current_password' } }, context);
      throw new AppError('validation_failed', 400, 'Your current password is not right.', { currentPassword: ['This is not your current password.'] });
    }
    await this.throttle.refund(keys);
    const problem = passwordProblem(newPassword);
    if (problem) throw new AppError('validation_failed', 400, 'Choose another new password.', { newPassword: [problem] });
    if (newPassword === currentPassword) {
      throw new AppError('validation_failed', 400, 'Choose another new password.', { newPassword: ['Choose a password different from the current one.'] });
    }
    const hash = await this.hasher.hash(newPassword);
    await this.throttle.recordSuccess(keys);
    await this.dataSource.transaction(async (tx) => {
      await tx.update(UserEntity, { id: user.id }, { passwordHash: hash, passwordChangedAt: this.clock.now() });
      await this.audit.record({ type: 'account.password_changed', outcome: 'success', actor: user.id, subject: user.id }, context, tx);
    });
    // Whoever knew the old password is signed out everywhere else; this browser stays signed in.
    await this.sessions.endOthers(user.id, user.sessionUid, user.id, context);
  }

  /** Step 1 of replacing the authenticator: prove the current second factor, get a new key. */
  async startAuthenticatorReplacement(user: PortalUser, proof: { code?: string; recoveryCode?: string }, context: RequestContext): Promise<TotpEnrolment> {
    await this.proveSecondFactor(user, proof, context, 'authenticator_replacement');
    return this.secondFactor.startEnrolment(user.id, { issuer: await this.instance.organisationName(), accountName: user.email });
  }

  /** Step 2: a code from the new device makes it the authenticator; new recovery codes replace the old. */
  async confirmAuthenticator(user: PortalUser, code: string, context: RequestContext): Promise<RecoveryCodes> {
    const keys = attemptKeys(user.email, context.ip);
    await this.throttle.reserve(keys, context);
    const codes = await this.secondFactor.confirmEnrolment(user.id, code, context);
    await this.throttle.refund(keys);
    return { codes };
  }

  async regenerateRecoveryCodes(user: PortalUser, proof: { code?: string; recoveryCode?: string }, context: RequestContext): Promise<RecoveryCodes> {
    await this.proveSecondFactor(user, proof, context, 'recovery_codes');
    return { codes: await this.secondFactor.regenerateRecoveryCodes(user.id, context) };
  }

  private async proveSecondFactor(user: PortalUser, proof: { code?: string; recoveryCode?: string }, context: RequestContext, purpose: string): Promise<void> {
    // A missing proof is a form mistake, not a guess: refused before the throttle counts it.
    if (!proof.code?.trim() && !proof.recoveryCode?.trim()) throw new AppError('second_factor_required', 400, 'Enter a code from your authenticator app or a recovery code.');
    const keys = attemptKeys(user.email, context.ip);
    await this.throttle.reserve(keys, context);
    try {
      await this.secondFactor.prove(user.id, proof);
    } catch (error) {
      await this.audit.record({ type: 'account.second_factor_check', outcome: 'failure', actor: user.id, subject: user.id, details: { purpose, reason: (error as AppError).code ?? 'error' } }, context);
      throw error;
    }
    await this.throttle.refund(keys);
    await this.throttle.recordSuccess(keys);
  }
}
