import { SessionsService } from '../sessions/sessions.service';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import { SETUP_TOKEN_FRAGMENT_KEY, type CompletePasswordReset, type PasswordResetLinkStatus } from '@passerelle/contracts';
import { Clock } from '../../../infra/clock';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { PasswordHasher } from '../../../infra/crypto/password-hasher';
import { hashToken, randomToken } from '../../../infra/crypto/tokens';
import { MailService } from '../../../infra/mail/mail.service';
import { normaliseEmail, passwordProblem } from '../../accounts/accounts.service';
import { accessProblem } from '../../accounts/account-access';
import { UserEntity } from '../../accounts/entities/user.entity';
import { SecondFactorService } from '../../accounts/second-factor/second-factor.service';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { PasswordResetEntity } from '../entities/password-reset.entity';
import { LoginThrottleService } from '../throttle/login-throttle.service';
import { attemptKeys, resetIpKey, resetKey } from '../throttle/throttle-keys';
import { passwordResetMail } from './reset-mail';

/** How long a reset link works. Short: it travels by mail and replaces a password. */
export const RESET_LINK_TTL_MINUTES = 30;
/** The web page that reads the token from the fragment (the lead may move this into WebRoutes). */
export const RESET_PASSWORD_PAGE = '/reset-password';

type LinkProblem = NonNullable<PasswordResetLinkStatus['reason']>;
type SecondFactorUsed = 'none' | 'totp' | 'recovery_code';

const PROBLEMS: Record<LinkProblem, { status: number; message: string }> = {
  reset_link_invalid: { status: 400, message: 'This link is not valid. Check that you copied all of it, or ask for a new one.' },
  reset_link_expired: { status: 410, message: 'This link has expired. Ask for a new one.' },
  reset_link_used: { status: 410, message: 'This link has already been used. Sign in, or ask for a new one.' },
};

/** Refusals of a completion that the audit trail records (validation slips of the form are not worth an event). */
const AUDITED_REFUSALS = new Set<string>([
  ...Object.keys(PROBLEMS),
  'second_factor_required',
  'totp_invalid',
  'totp_reused',
  'recovery_code_invalid',
  'too_many_attempts',
]);

/**
 * "Forgot my password": a one-time link by mail, then a new password (plus the second factor when
 * the account has one). Tokens are 256-bit random, stored hashed, valid 30 minutes, single use.
 */
@Injectable()
export class PasswordResetService implements OnModuleDestroy {
  private readonly logger = new Logger('PasswordReset');
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailService,
    private readonly throttle: LoginThrottleService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  /**
   * Answers the same way, after the same work, whether or not the address belongs to someone:
   * the throttle (keyed by the address's hash) counts the request, and everything that depends on
   * the account — lookup, link, mail, audit — happens after the response (OWASP's advice for
   * forgot-password forms), so neither the answer nor its timing tells who has an account.
   */
  async requestReset(email: string, context: RequestContext): Promise<void> {
    const keys = context.ip ? [resetKey(email), resetIpKey(context.ip)] : [resetKey(email)];
    await this.throttle.reserve(keys, context);
    const work = this.issueLink(email, context)
      .catch((error: unknown) => this.logger.error(`Could not issue a password reset link: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  /** Resolves once the work of earlier requests is done (for shutdown and tests). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.settled();
  }

  async checkLink(token: string): Promise<PasswordResetLinkStatus> {
    const { link, user, problem } = await this.inspect(this.dataSource.manager, token);
    if (problem || !user || !link) return { valid: false, reason: problem ?? 'reset_link_invalid', needsSecondFactor: false };
    return { valid: true, needsSecondFactor: (await this.secondFactor.status(user.id)).enrolled };
  }

  /**
   * Sets the new password. Dead links are refused before anything else; the second factor is
   * checked (failures count in the throttle) before the deliberately slow hash; then one
   * transaction spends the link (compare-and-set, so a double submit resets once), stores the hash
   * and records the event. A refusal is audited after the rollback.
   */
  async completeReset(request: CompletePasswordReset, context: RequestContext): Promise<void> {
    let subject: string | null = null;
    try {
      const problem = passwordProblem(request.password);
      if (problem) throw new AppError('validation_failed', 400, 'Some fields are missing or not valid.', { password: [problem] });
      const inspected = await this.inspect(this.dataSource.manager, request.token);
      if (inspected.problem || !inspected.user) throw linkError(inspected.problem ?? 'reset_link_invalid');
      const user = inspected.user;
      subject = user.id;

      const keys = attemptKeys(user.email, context.ip);
      await this.throttle.reserve(keys, { ...context, userId: user.id });
      const secondFactor = await this.proveSecondFactor(user, request);
      const passwordHash = await this.hasher.hash(request.password);

      await this.dataSource.transaction(async (tx) => {
        const now = this.clock.now();
        const spent = await tx.update(
          PasswordResetEntity,
          { tokenHash: hashToken(request.token), usedAt: IsNull(), expiresAt: MoreThan(now) },
          { usedAt: now },
        );
        if (spent.affected !== 1) throw linkError((await this.inspect(tx, request.token)).problem ?? 'reset_link_used');
        // Any other link still out there is now pointless.
        await this.expireOpenLinks(tx, user.id, now);
        const changed = await tx.update(UserEntity, { id: user.id, status: 'active' }, { passwordHash, passwordChangedAt: now });
        if (changed.affected !== 1) throw linkError('reset_link_invalid');
        await this.audit.record(
          { type: 'password_reset.completed', outcome: 'success', actor: user.id, subject: user.id, details: { secondFactor } },
          context,
          tx,
        );
      });
      await this.throttle.refund(keys);
      await this.throttle.recordSuccess(keys);
      // Whoever used the old password is signed out everywhere, and the apps are told.
      await this.sessions.endAll(user.id, user.id, context, 'password_reset');
    } catch (error) {
      if (error instanceof AppError && AUDITED_REFUSALS.has(error.code)) {
        await this.audit.record({ type: 'password_reset.completed', outcome: 'failure', subject, details: { reason: error.code } }, context);
      }
      throw error;
    }
  }

  /** The part of a request that depends on the account; runs after the response. */
  private async issueLink(email: string, context: RequestContext): Promise<void> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: normaliseEmail(email) });
    const refusal = !user ? 'unknown_email' : accessProblem(user, this.clock.now()) ? 'account_disabled' : !user.passwordHash ? 'no_password' : null;
    if (!user || refusal) {
      await this.audit.record({ type: 'password_reset.requested', outcome: 'failure', subject: user?.id ?? null, details: { reason: refusal } }, context);
      return;
    }
    const token = randomToken();
    const now = this.clock.now();
    const url = `${this.config.publicUrl}${RESET_PASSWORD_PAGE}#${SETUP_TOKEN_FRAGMENT_KEY}=${token}`;
    await this.dataSource.transaction(async (tx) => {
      await this.expireOpenLinks(tx, user.id, now);
      await tx.insert(PasswordResetEntity, {
        id: randomUUID(),
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MINUTES * 60_000),
        usedAt: null,
      });
      await this.mail.send(passwordResetMail({ to: user.email, name: user.name, locale: user.locale, url, validMinutes: RESET_LINK_TTL_MINUTES }), tx);
      await this.audit.record({ type: 'password_reset.requested', outcome: 'success', subject: user.id }, context, tx);
    });
  }

  /** Older links of the user stop working (they read as expired: "ask for a new one" is the right advice). */
  private async expireOpenLinks(tx: EntityManager, userId: string, now: Date): Promise<void> {
    await tx.update(PasswordResetEntity, { userId, usedAt: IsNull(), expiresAt: MoreThan(now) }, { expiresAt: now });
  }

  private async proveSecondFactor(user: UserEntity, request: CompletePasswordReset): Promise<SecondFactorUsed> {
    if (!(await this.secondFactor.status(user.id)).enrolled) return 'none';
    return this.secondFactor.prove(user.id, request);
  }

  private async inspect(
    manager: EntityManager,
    token: string,
  ): Promise<{ link: PasswordResetEntity | null; user: UserEntity | null; problem: LinkProblem | undefined }> {
    const link = await manager.findOneBy(PasswordResetEntity, { tokenHash: hashToken(token) });
    const user = link ? await manager.findOneBy(UserEntity, { id: link.userId }) : null;
    return { link, user, problem: this.problemWith(link, user) };
  }

  private problemWith(link: PasswordResetEntity | null, user: UserEntity | null): LinkProblem | undefined {
    if (!link || !user || accessProblem(user, this.clock.now())) return 'reset_link_invalid';
    if (link.usedAt) return 'reset_link_used';
    if (link.expiresAt.getTime() <= this.clock.now().getTime()) return 'reset_link_expired';
    return undefined;
  }
}

function linkError(problem: LinkProblem): AppError {
  const { status, message } = PROBLEMS[problem];
  return new AppError(problem, status, message);
}
