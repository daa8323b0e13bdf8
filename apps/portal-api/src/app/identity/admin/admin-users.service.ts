import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdminCreateUserResponse, AdminUser, Page } from '@passerelle/contracts';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { Clock } from '../../../infra/clock';
import { MailService } from '../../../infra/mail/mail.service';
import { AccountsService } from '../../accounts/accounts.service';
import { TotpCredentialEntity } from '../../accounts/entities/totp-credential.entity';
import { UserEntity } from '../../accounts/entities/user.entity';
import { SecondFactorService } from '../../accounts/second-factor/second-factor.service';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { InstanceService } from '../../instance/instance.service';
import { SetupService } from '../../setup/setup.service';
import { SessionsService } from '../sessions/sessions.service';
import { LoginThrottleService } from '../throttle/login-throttle.service';

/** What administrators do to people's accounts. Every action is audited by the service doing it. */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly setup: SetupService,
    private readonly secondFactor: SecondFactorService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly mail: MailService,
    private readonly instance: InstanceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(search: string | undefined, page: number, pageSize: number): Promise<Page<AdminUser>> {
    const all = await this.accounts.listUsers(search);
    const slice = all.slice((page - 1) * pageSize, page * pageSize);
    const ids = slice.map((u) => u.id);
    const users = ids.length ? await this.dataSource.getRepository(UserEntity).find({ where: { id: In(ids) }, relations: { groups: true } }) : [];
    const credentials = ids.length ? await this.dataSource.getRepository(TotpCredentialEntity).findBy({ userId: In(ids) }) : [];
    const items = await Promise.all(
      slice.map(async (summary) => {
        const user = users.find((u) => u.id === summary.id) as UserEntity;
        const enrolled = credentials.some((c) => c.userId === user.id && c.confirmedAt !== null && c.secretSealed !== null);
        return this.view(user, enrolled);
      }),
    );
    return { items, total: all.length, page, pageSize };
  }

  async get(userId: string): Promise<AdminUser> {
    const user = await this.find(userId);
    return this.view(user, (await this.secondFactor.status(user.id)).enrolled);
  }

  /** Creates the account without a password; the person sets it through a one-time link (also mailed). */
  async create(input: { email: string; name: string; isAdmin?: boolean; groups?: string[] }, actor: string, context: RequestContext): Promise<AdminCreateUserResponse> {
    const user = await this.accounts.createUser(input, actor, context);
    const link = await this.setup.issueActivationLink(user.id);
    const organisation = await this.instance.organisationName();
    await this.mail.send({
      to: user.email,
      subject: `${organisation}: your Passerelle account`,
      text: `Hello ${user.name},\n\nAn account was created for you on ${organisation}'s Passerelle.\nSet your password with this link (it works once, until ${link.expiresAt.toISOString()}):\n\n${link.url}\n`,
    });
    return { user: await this.get(user.id), activationLink: link.url, activationLinkExpiresAt: link.expiresAt.toISOString() };
  }

  /** Disabling ends everything at once: sessions, grants, tokens — and the apps are told. */
  async disable(userId: string, actor: string, context: RequestContext): Promise<AdminUser> {
    // By id only: disableUser() also takes an email, which would slip past the self check and end nobody's sessions.
    const user = await this.find(userId);
    if (user.id === actor) throw new AppError('conflict', 409, 'You can’t disable your own account.');
    await this.accounts.disableUser(user.id, actor, context);
    await this.sessions.endAll(user.id, actor, context, 'account_disabled');
    return this.get(user.id);
  }

  async enable(userId: string, actor: string, context: RequestContext): Promise<AdminUser> {
    const user = await this.find(userId);
    if (user.status !== 'active') {
      await this.dataSource.transaction(async (tx) => {
        await tx.update(UserEntity, { id: userId }, { status: 'active', disabledAt: null });
        await this.audit.record({ type: 'user.enabled', outcome: 'success', actor, subject: userId }, context, tx);
      });
    }
    return this.get(userId);
  }

  async resetSecondFactor(userId: string, actor: string, context: RequestContext): Promise<AdminUser> {
    await this.find(userId);
    await this.secondFactor.reset(userId, actor, context);
    return this.get(userId);
  }

  async unlock(userId: string, actor: string, context: RequestContext): Promise<AdminUser> {
    const user = await this.find(userId);
    await this.throttle.unlock(user.email, actor, context);
    return this.get(userId);
  }

  private async find(userId: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: userId }, relations: { groups: true } });
    if (!user) throw new AppError('not_found', 404, 'There is no such user.');
    return user;
  }

  private async view(user: UserEntity, totpEnrolled: boolean): Promise<AdminUser> {
    const lockedUntil = await this.throttle.lockedUntil(user.email);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      isAdmin: user.isAdmin,
      status: user.status,
      groups: (user.groups ?? []).map((g) => g.name).sort(),
      totpEnrolled,
      lockedUntil: lockedUntil && lockedUntil.getTime() > this.clock.now().getTime() ? lockedUntil.toISOString() : null,
      lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
      createdAt: new Date(user.createdAt).toISOString(),
    };
  }
}
