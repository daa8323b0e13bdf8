import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdminCreateUserResponse, AdminUpdateUserRequest, AdminUser, Page } from '@passerelle/contracts';
import { DataSource, In, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { Clock } from '../../../infra/clock';
import { MailService } from '../../../infra/mail/mail.service';
import { accessProblem } from '../../accounts/account-access';
import { AccountsService, newUserProblems, normaliseEmail } from '../../accounts/accounts.service';
import { findByNames, nameKey } from '../../../infra/database/names';
import { GroupEntity } from '../../accounts/entities/group.entity';
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

  /**
   * Edits a person. Groups are given by name and must exist (a typo must not create a group);
   * they replace the person's groups, which counts from their next token or dashboard load.
   */
  async update(userId: string, input: AdminUpdateUserRequest, actor: string, context: RequestContext): Promise<AdminUser> {
    const user = await this.find(userId);
    const email = input.email === undefined ? user.email : normaliseEmail(input.email);
    const name = input.name === undefined ? user.name : input.name.trim();
    const problems = newUserProblems({ email, name, groups: input.groups });
    if (Object.keys(problems).length > 0) throw new AppError('validation_failed', 400, 'Some fields are missing or not valid.', problems);
    if (user.kind === 'guest') assertNoEmployeeRights(input);
    // Known permissions only (the DTO checks); kept sorted and without repeats.
    const permissions = input.permissions === undefined ? undefined : [...new Set(input.permissions)].sort();
    if (input.isAdmin === false && user.isAdmin && user.id === actor) {
      throw new AppError('conflict', 409, 'You can\u2019t remove your own administrator role; ask another administrator.', { isAdmin: ['You can\u2019t remove your own administrator role.'] });
    }
    await this.dataSource.transaction(async (tx) => {
      if (email !== user.email && (await tx.existsBy(UserEntity, { email }))) {
        throw new AppError('email_taken', 409, 'Another account already has this email address.', { email: ['Another account already has this email address.'] });
      }
      const changes: Partial<UserEntity> = {};
      if (name !== user.name) changes.name = name;
      if (email !== user.email) changes.email = email;
      if (input.isAdmin !== undefined && input.isAdmin !== user.isAdmin) changes.isAdmin = input.isAdmin;
      if (permissions && permissions.join(',') !== [...(user.permissions ?? [])].sort().join(',')) changes.permissions = permissions;
      const before = (user.groups ?? []).map((g) => g.name);
      let added: GroupEntity[] = [];
      let removed: GroupEntity[] = [];
      if (input.groups !== undefined) {
        const wanted = await this.groupsNamed(tx, input.groups);
        added = wanted.filter((g) => !(user.groups ?? []).some((h) => h.id === g.id));
        removed = (user.groups ?? []).filter((g) => !wanted.some((h) => h.id === g.id));
        const members = tx.createQueryBuilder().relation(UserEntity, 'groups').of(user.id);
        if (added.length) await members.add(added.map((g) => g.id));
        if (removed.length) await members.remove(removed.map((g) => g.id));
      }
      if (Object.keys(changes).length) await tx.update(UserEntity, { id: user.id }, changes);
      if (Object.keys(changes).length === 0 && added.length === 0 && removed.length === 0) return;
      await this.audit.record(
        {
          type: 'user.updated',
          outcome: 'success',
          actor,
          subject: user.id,
          details: {
            changed: [...Object.keys(changes), ...(added.length || removed.length ? ['groups'] : [])].join(','),
            // A guest's audit trail must stay pseudonymous once their data is erased: no old address in it.
            ...(changes.email && user.kind !== 'guest' ? { previousEmail: user.email } : {}),
            ...(changes.isAdmin !== undefined ? { admin: changes.isAdmin } : {}),
            ...(changes.permissions ? { permissions: changes.permissions.join(',') } : {}),
            ...(added.length ? { groupsAdded: added.map((g) => g.name).join(',') } : {}),
            ...(removed.length ? { groupsRemoved: removed.map((g) => g.name).join(',') } : {}),
            ...(added.length || removed.length ? { previousGroups: before.join(',') } : {}),
          },
        },
        context,
        tx,
      );
    });
    return this.get(user.id);
  }

  /** Groups by name (any case); 400 naming those that don't exist. */
  private async groupsNamed(tx: EntityManager, names: string[]): Promise<GroupEntity[]> {
    const found = await findByNames(tx, GroupEntity, names);
    const missing = names.map((n) => n.trim()).filter((n) => n && !found.some((g) => nameKey(g.name) === nameKey(n)));
    if (missing.length) {
      const message = `No group is named ${[...new Set(missing)].map((n) => `"${n}"`).join(', ')}. Create ${missing.length === 1 ? 'it' : 'them'} first.`;
      throw new AppError('validation_failed', 400, message, { groups: [message] });
    }
    return found;
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
      kind: user.kind,
      permissions: [...(user.permissions ?? [])].sort(),
      accessEndsAt: user.accessEndsAt?.toISOString() ?? null,
      // A guest whose access ended is disabled in effect, whether or not the clean-up has run yet.
      status: accessProblem(user, this.clock.now()) === 'ended' ? 'disabled' : user.status,
      groups: (user.groups ?? []).map((g) => g.name).sort(),
      totpEnrolled,
      lockedUntil: lockedUntil && lockedUntil.getTime() > this.clock.now().getTime() ? lockedUntil.toISOString() : null,
      lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
      createdAt: new Date(user.createdAt).toISOString(),
    };
  }
}

/** Guests can't be administrators, hold permissions or join employee groups (IT gives them apps instead). */
function assertNoEmployeeRights(input: AdminUpdateUserRequest): void {
  const problems: Record<string, string[]> = {};
  if (input.isAdmin) problems['isAdmin'] = ['A guest can\u2019t be an administrator.'];
  if (input.groups?.length) problems['groups'] = ['A guest can\u2019t join groups; choose their apps on the guest\u2019s page instead.'];
  if (input.permissions?.length) problems['permissions'] = ['A guest can\u2019t be given permissions.'];
  const first = Object.values(problems)[0];
  if (first) throw new AppError('validation_failed', 400, first[0], problems);
}
