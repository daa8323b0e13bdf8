import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import { SETUP_TOKEN_FRAGMENT_KEY, WebRoutes, type SetupLinkStatus } from '@passerelle/contracts';
import { Clock } from '../../infra/clock';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { hashToken, randomToken } from '../../infra/crypto/tokens';
import { PasswordHasher } from '../../infra/crypto/password-hasher';
import { AccountsService } from '../accounts/accounts.service';
import { accessProblem } from '../accounts/account-access';
import { GuestEntity } from '../guests/entities/guest.entity';
import { sponsorOf } from '../guests/guest-sponsor';
import { UserEntity } from '../accounts/entities/user.entity';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../http/app-error';
import type { RequestContext } from '../http/request-context';
import { InstanceService } from '../instance/instance.service';
import { SetupTokenEntity, type SetupTokenPurpose } from './entities/setup-token.entity';
import type { ActivateAccountDto, CreateFirstAdminDto } from './dto/setup.dto';

/** Names the first-administrator lock among PostgreSQL advisory locks (any constant works). */
const SETUP_LOCK = 4_172_023_906;

type LinkProblem = NonNullable<SetupLinkStatus['reason']>;

const PROBLEMS: Record<LinkProblem, { status: number; message: string }> = {
  setup_link_invalid: { status: 400, message: 'This link is not valid. Check that you copied all of it.' },
  setup_link_expired: { status: 410, message: 'This link has expired. Restart Passerelle (or ask your administrator) for a new one.' },
  setup_link_used: { status: 410, message: 'This link has already been used. Sign in instead.' },
  setup_already_done: { status: 409, message: 'Passerelle is already set up. Sign in instead.' },
};

/**
 * One-time links: the console link that creates the first administrator, and activation links
 * for accounts created without a password. Tokens are 256-bit random, stored hashed, single use.
 */
@Injectable()
export class SetupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly instance: InstanceService,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Issues a first-administrator link when no administrator exists; otherwise returns undefined. */
  async firstAdminLinkIfNeeded(): Promise<{ url: string; expiresAt: Date } | undefined> {
    if (!(await this.instance.setupRequired())) return undefined;
    return this.issueLink('first_admin', null);
  }

  /** A one-time link to set the password of an account created without one (guests: their invitation, with its own lifetime). */
  issueActivationLink(userId: string, ttlMinutes = this.config.setupLinkTtlMinutes, manager: EntityManager = this.dataSource.manager): Promise<{ url: string; expiresAt: Date }> {
    return this.issueLink('account_activation', userId, ttlMinutes, manager);
  }

  /** Spends every unused activation link of this account (a new invitation replaces them; a cancelled one ends them). */
  async closeActivationLinks(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(SetupTokenEntity, { purpose: 'account_activation', userId, usedAt: IsNull() }, { usedAt: this.clock.now() });
  }

  async checkLink(token: string): Promise<SetupLinkStatus> {
    const found = await this.findToken(this.dataSource.manager, token);
    const problem = await this.problemWith(this.dataSource.manager, found);
    if (problem) return { valid: false, reason: problem };
    const link = found as SetupTokenEntity;
    const status: SetupLinkStatus = { valid: true, purpose: link.purpose, expiresAt: link.expiresAt.toISOString() };
    if (link.purpose === 'account_activation' && link.userId) {
      const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: link.userId });
      status.account = { email: user.email, name: user.name, ...(user.kind === 'guest' ? { guest: await this.guestInvitation(user) } : {}) };
    }
    return status;
  }

  /** What the invitation page tells a guest: when their access starts and ends, and who sponsors it. */
  private async guestInvitation(user: UserEntity): Promise<{ startsAt: string; endsAt: string; sponsorName: string | null }> {
    const sponsor = await sponsorOf(this.dataSource.manager, user.id);
    return {
      startsAt: (user.accessStartsAt ?? user.createdAt).toISOString(),
      endsAt: (user.accessEndsAt ?? this.clock.now()).toISOString(),
      sponsorName: sponsor?.name ?? null,
    };
  }

  /**
   * Creates the first administrator. Everything happens in one transaction — the link is spent,
   * the admin created, the organisation named — so a failure (say, a taken email) loses nothing
   * and the link still works. The transaction first takes the setup lock, so concurrent
   * submissions, even of different links from different processes, give exactly one administrator.
   */
  async createFirstAdmin(dto: CreateFirstAdminDto, context: RequestContext): Promise<UserEntity> {
    return this.redeemLink(dto, 'first_admin', 'setup.admin_created', context, async (tx, _link, passwordHash) => {
      if (!(await this.instance.setupRequired(tx))) throw linkError('setup_already_done');
      const admin = await this.accounts.createUser(
        { email: dto.email, name: dto.name, isAdmin: true, groups: [], locale: dto.locale ?? null },
        'setup-link',
        context,
        tx,
      );
      await tx.update(UserEntity, { id: admin.id }, { passwordHash });
      await this.instance.setOrganisationName(dto.organisationName, tx);
      await this.closeFirstAdminLinks(tx);
      await this.audit.record({ type: 'setup.admin_created', outcome: 'success', actor: admin.id, subject: admin.id }, context, tx);
      return admin;
    });
  }

  /** Sets the password of an account created without one, through its one-time link. */
  async activateAccount(dto: ActivateAccountDto, context: RequestContext): Promise<UserEntity> {
    return this.redeemLink(dto, 'account_activation', 'user.activated', context, async (tx, link, passwordHash) => {
      const user = await tx.findOneByOrFail(UserEntity, { id: link.userId ?? '' });
      if (!linkMayActivate(user, this.clock.now())) throw linkError('setup_link_invalid');
      await tx.update(UserEntity, { id: user.id }, { passwordHash });
      // A guest's invitation is accepted now (the sign-in that follows enrols their authenticator).
      if (user.kind === 'guest') await tx.update(GuestEntity, { userId: user.id, acceptedAt: IsNull() }, { acceptedAt: this.clock.now() });
      await this.audit.record({ type: 'user.activated', outcome: 'success', actor: user.id, subject: user.id }, context, tx);
      return user;
    });
  }

  /**
   * The shared path of both links: refuse a dead link before the deliberately slow password hash,
   * then, in one transaction, spend the link (compare-and-set) and do `work`; a refusal is audited
   * after the rollback. First-administrator creation first takes the setup lock.
   */
  private async redeemLink<T>(
    dto: { token: string; password: string },
    purpose: SetupTokenPurpose,
    auditType: string,
    context: RequestContext,
    work: (tx: EntityManager, link: SetupTokenEntity, passwordHash: string) => Promise<T>,
  ): Promise<T> {
    try {
      await this.assertUsable(dto.token, purpose);
      const passwordHash = await this.hasher.hash(dto.password);
      return await this.dataSource.transaction(async (tx) => {
        if (purpose === 'first_admin') await this.takeSetupLock(tx);
        const link = await this.spendLink(tx, dto.token, purpose);
        return work(tx, link, passwordHash);
      });
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('setup_')) {
        await this.audit.record({ type: auditType, outcome: 'failure', details: { reason: error.code } }, context);
      }
      throw error;
    }
  }

  /** Spends every unused first-administrator link: once an administrator exists, none is needed. */
  async closeFirstAdminLinks(manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(SetupTokenEntity, { purpose: 'first_admin', usedAt: IsNull() }, { usedAt: this.clock.now() });
  }

  private async assertUsable(token: string, purpose: SetupTokenPurpose): Promise<void> {
    const problem = await this.problemWith(this.dataSource.manager, await this.findToken(this.dataSource.manager, token), purpose);
    if (problem) throw linkError(problem);
  }

  /**
   * PostgreSQL: a transaction-scoped advisory lock serialises first-administrator creation across
   * processes (without it, two different links submitted at once deadlock on each other's rows).
   * SQLite transactions are already serialised (one process, one connection).
   */
  private async takeSetupLock(tx: EntityManager): Promise<void> {
    if (this.dataSource.options.type === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
  }


  private async issueLink(
    purpose: SetupTokenPurpose,
    userId: string | null,
    ttlMinutes = this.config.setupLinkTtlMinutes,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ url: string; expiresAt: Date }> {
    const token = randomToken();
    const expiresAt = new Date(this.clock.now().getTime() + ttlMinutes * 60_000);
    await manager.getRepository(SetupTokenEntity).insert({
      id: randomUUID(),
      tokenHash: hashToken(token),
      purpose,
      userId,
      expiresAt,
      usedAt: null,
    });
    const page = purpose === 'first_admin' ? WebRoutes.setup : WebRoutes.activate;
    return { url: `${this.config.publicUrl}${page}#${SETUP_TOKEN_FRAGMENT_KEY}=${token}`, expiresAt };
  }

  /** Spends a link atomically (compare-and-set on used_at) or throws why it can't be used. */
  private async spendLink(tx: EntityManager, token: string, purpose: SetupTokenPurpose): Promise<SetupTokenEntity> {
    const now = this.clock.now();
    const spent = await tx.update(
      SetupTokenEntity,
      { tokenHash: hashToken(token), purpose, usedAt: IsNull(), expiresAt: MoreThan(now) },
      { usedAt: now },
    );
    const link = await this.findToken(tx, token);
    if (spent.affected === 1 && link) return link;
    throw linkError((await this.problemWith(tx, link, purpose)) ?? 'setup_link_used');
  }

  private findToken(manager: EntityManager, token: string): Promise<SetupTokenEntity | null> {
    return manager.findOneBy(SetupTokenEntity, { tokenHash: hashToken(token) });
  }

  private async problemWith(manager: EntityManager, link: SetupTokenEntity | null, purpose?: SetupTokenPurpose): Promise<LinkProblem | undefined> {
    if (!link || (purpose && link.purpose !== purpose)) return 'setup_link_invalid';
    if (link.purpose === 'first_admin' && !(await this.instance.setupRequired(manager))) {
      return link.usedAt ? 'setup_link_used' : 'setup_already_done';
    }
    if (link.purpose === 'account_activation') {
      const user = await manager.findOneBy(UserEntity, { id: link.userId ?? '' });
      if (!user || !linkMayActivate(user, this.clock.now())) return 'setup_link_invalid';
    }
    if (link.usedAt) return 'setup_link_used';
    if (link.expiresAt.getTime() <= this.clock.now().getTime()) return 'setup_link_expired';
    return undefined;
  }
}

/** Activation works for an active account, also before a guest's start, but never once their access ended. */
function linkMayActivate(user: UserEntity, now: Date): boolean {
  const problem = accessProblem(user, now);
  return problem === undefined || problem === 'not_started';
}

function linkError(problem: LinkProblem): AppError {
  const { status, message } = PROBLEMS[problem];
  return new AppError(problem, status, message);
}
