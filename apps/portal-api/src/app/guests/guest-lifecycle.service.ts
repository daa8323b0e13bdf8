import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GUEST_LIMITS } from '@passerelle/contracts';
import { DataSource, In, IsNull, LessThanOrEqual, Like, Not } from 'typeorm';
import { Clock } from '../../infra/clock';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { OutboxMailEntity } from '../../infra/mail/entities/outbox-mail.entity';
import { MailService } from '../../infra/mail/mail.service';
import { AccountAccess } from '../accounts/account-access';
import { AlertEntity } from '../alerts/entities/alert.entity';
import { AlertEventEntity } from '../alerts/entities/alert-event.entity';
import { AlertRecipientEntity } from '../alerts/entities/alert-recipient.entity';
import { UserEntity } from '../accounts/entities/user.entity';
import { AuditService } from '../audit/audit.service';
import { EntitlementsService } from '../catalog/entitlements.service';
import { CLI_CONTEXT, type RequestContext } from '../http/request-context';
import { OidcPayloadEntity } from '../identity/entities/oidc-payload.entity';
import { SessionDeviceEntity } from '../identity/entities/session-device.entity';
import { SignInFlowEntity } from '../identity/entities/sign-in-flow.entity';
import { SessionsService } from '../identity/sessions/sessions.service';
import { InstanceService } from '../instance/instance.service';
import { GuestEntity } from './entities/guest.entity';
import { endedMail, reminderMail } from './guest-mail';
import { addDays, reminderDue } from './guest-rules';

/** Work the background job does by itself is audited with this actor. */
export const SYSTEM_ACTOR = 'system';

export interface SweepReport {
  ended: number;
  reminded: number;
  erased: number;
}

/** An end-of-access reminder, as mailed to the guest and their sponsor. */
export interface GuestReminder {
  guest: UserEntity;
  sponsor: UserEntity | null;
  guestName: string;
  endsAt: Date;
  days: number;
  organisation: string;
  guestsUrl: string;
}

/**
 * What happens to a guest over time: the end of their access (sessions ended, tokens revoked, apps
 * told, sponsor mailed), reminders before it, and the erasure of their personal data after the
 * retention period. The end is enforced at every use by AccountAccess; this service does the
 * clean-up — at once when a use finds an ended guest, and every GUEST_SWEEP_SECONDS for the rest.
 * Every step is claimed with a conditional update, so several portal processes never do it twice.
 */
@Injectable()
export class GuestLifecycleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Guests');
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<SweepReport>;
  /** Ends under way in this process, so a burst of token uses starts one clean-up, not fifty. */
  private readonly ending = new Map<string, Promise<boolean>>();
  private readonly reminderListeners: Array<(reminder: GuestReminder) => Promise<void>> = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly sessions: SessionsService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly instance: InstanceService,
    private readonly entitlements: EntitlementsService,
    access: AccountAccess,
  ) {
    access.onEndNoticed(async (userId) => void (await this.endIfDue(userId)));
  }

  onApplicationBootstrap(): void {
    if (this.config.guests.sweepSeconds > 0) this.startJob();
  }

  /** Called once per reminder sent (the mails are out), e.g. to put it on the dashboards too. */
  onReminder(listener: (reminder: GuestReminder) => Promise<void>): void {
    this.reminderListeners.push(listener);
  }

  onApplicationShutdown(): void {
    this.stopJob();
  }

  startJob(): void {
    this.stopJob();
    this.timer = setInterval(() => void this.sweep().catch((error: Error) => this.logger.warn(`Guest job: ${error.message}`)), this.config.guests.sweepSeconds * 1000);
    this.timer.unref();
  }

  /** Stops the background job (tests use this to show that access still ends without it). */
  stopJob(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass of the job: ends what is due, sends due reminders, erases what is past retention. */
  sweep(): Promise<SweepReport> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Ends the guest's access if its end has passed and nobody has handled it yet. True when this call did it. */
  endIfDue(userId: string, context: RequestContext = CLI_CONTEXT, actor = SYSTEM_ACTOR): Promise<boolean> {
    const running = this.ending.get(userId);
    if (running) return running;
    const work = this.end(userId, context, actor).finally(() => this.ending.delete(userId));
    this.ending.set(userId, work);
    return work;
  }

  /** A guest lost some apps: those apps are told and their tokens revoked now, not at the next use. */
  async endAppAccess(userId: string, appIds: readonly string[], actor: string, context: RequestContext): Promise<void> {
    if (appIds.length === 0) return;
    const catalog = await this.entitlements.catalog();
    const clientIds = appIds.flatMap((id) => catalog.byId.get(id)?.clientId ?? []);
    await this.sessions.endClientAccess(userId, clientIds, actor, context);
  }

  /**
   * Erases the guest's personal data: the account and everything hanging off it go; the guests row
   * stays as a pseudonymous record (dates, sponsor id) under the id the audit trail already uses.
   */
  async erase(userId: string, actor: string, context: RequestContext, reason: 'retention' | 'invitation_cancelled'): Promise<boolean> {
    // No sessions to end first: an erased guest's access ended (apps told then) or was never accepted.
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      // The claim and the erasure commit together; for retention, the end and its date are checked
      // again here, so a reactivation or another process's erasure that came first wins.
      const claim = tx.createQueryBuilder().update(GuestEntity).set({ erasedAt: now }).where('user_id = :userId AND erased_at IS NULL', { userId });
      if (reason === 'retention') {
        claim
          .andWhere('ended_at IS NOT NULL AND erase_after <= :now', { now })
          .andWhere('NOT EXISTS (SELECT 1 FROM users u WHERE u.id = :userId AND (u.access_ends_at IS NULL OR u.access_ends_at > :now))', { userId, now });
      }
      if ((await claim.execute()).affected !== 1) return false;
      await tx.delete(OidcPayloadEntity, { accountId: userId });
      await tx.delete(SessionDeviceEntity, { accountId: userId });
      await tx.delete(SignInFlowEntity, { userId });
      // Their copies of alerts, and the alerts about them sent to their sponsor.
      await tx.delete(AlertRecipientEntity, { userId });
      await tx.delete(AlertEventEntity, { userId });
      await tx.createQueryBuilder().delete().from(AlertRecipientEntity).where('alert_id IN (SELECT id FROM alerts WHERE sender = :sender AND dedupe_key LIKE :key)', { sender: 'system', key: `guest-ending:${userId}%` }).execute();
      await tx.delete(AlertEntity, { sender: 'system', dedupeKey: Like(`guest-ending:${userId}%`) });
      // Mails to the guest hold their name and address (and maybe an unused invitation link).
      if (user) await tx.delete(OutboxMailEntity, { toAddress: user.email });
      // …and so do the sponsor's mails about them, which all link to the guest's page.
      await tx.createQueryBuilder().delete().from(OutboxMailEntity).where('text_body LIKE :page', { page: `%${this.guestsUrl(userId)}%` }).execute();
      await tx.delete(UserEntity, { id: userId });
      await tx.update(GuestEntity, { userId }, { company: '', note: '' });
      await this.audit.record({ type: 'guest.erased', outcome: 'success', actor, subject: userId, details: { reason } }, context, tx);
      return true;
    });
  }

  private async sweepOnce(): Promise<SweepReport> {
    const now = this.clock.now();
    const report: SweepReport = { ended: 0, reminded: 0, erased: 0 };
    const due = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(GuestEntity, 'g', 'g.user_id = u.id')
      .select('u.id', 'id')
      .where('u.kind = :kind', { kind: 'guest' })
      .andWhere('g.ended_at IS NULL')
      .andWhere('u.access_ends_at <= :now', { now })
      .getRawMany<{ id: string }>();
    for (const { id } of due) if (await this.endIfDue(id)) report.ended += 1;

    report.reminded = await this.sendReminders(now);

    const expired = await this.dataSource.getRepository(GuestEntity).find({
      select: { userId: true },
      where: { erasedAt: IsNull(), endedAt: Not(IsNull()), eraseAfter: LessThanOrEqual(now) },
    });
    for (const { userId } of expired) if (await this.erase(userId, SYSTEM_ACTOR, CLI_CONTEXT, 'retention')) report.erased += 1;
    return report;
  }

  /**
   * Sessions and grants go first (harmless if two processes both do it), and the end is recorded
   * only then — so a clean-up that failed half-way is tried again at the next use or sweep — with
   * the end re-checked in the same statement, so an extension given meanwhile wins.
   */
  private async end(userId: string, context: RequestContext, actor: string): Promise<boolean> {
    const now = this.clock.now();
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || user.kind !== 'guest' || !user.accessEndsAt || user.accessEndsAt.getTime() > now.getTime()) return false;
    const before = await this.dataSource.getRepository(GuestEntity).findOneBy({ userId });
    if (!before || before.endedAt) return false;
    await this.sessions.endAll(userId, actor, context, 'guest_access_ended');
    const eraseAfter = addDays(user.accessEndsAt, this.config.guests.retentionDays);
    const claimed = await this.dataSource
      .createQueryBuilder()
      .update(GuestEntity)
      .set({ endedAt: now, eraseAfter })
      .where('user_id = :userId AND ended_at IS NULL', { userId })
      .andWhere('EXISTS (SELECT 1 FROM users u WHERE u.id = :userId AND u.access_ends_at <= :now)', { userId, now })
      .execute();
    if (claimed.affected !== 1) return false;
    const guest = await this.dataSource.getRepository(GuestEntity).findOneByOrFail({ userId });
    await this.audit.record(
      { type: 'guest.access_ended', outcome: 'success', actor, subject: userId, details: { revoked: guest.revokedAt !== null, eraseAfter: eraseAfter.toISOString() } },
      context,
    );
    const sponsor = guest.sponsorId ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: guest.sponsorId }) : null;
    if (sponsor) {
      await this.mail.send(
        endedMail({ sponsor, guestName: user.name, revoked: guest.revokedAt !== null, eraseAfter, organisation: await this.instance.organisationName(), guestsUrl: this.guestsUrl(userId) }),
      );
    }
    return true;
  }

  private async sendReminders(now: Date): Promise<number> {
    const soon = addDays(now, Math.max(...GUEST_LIMITS.reminderDays));
    const users = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(GuestEntity, 'g', 'g.user_id = u.id')
      .where('u.kind = :kind', { kind: 'guest' })
      .andWhere('g.ended_at IS NULL')
      .andWhere('u.access_ends_at > :now AND u.access_ends_at <= :soon', { now, soon })
      .getMany();
    if (users.length === 0) return 0;
    const guests = await this.dataSource.getRepository(GuestEntity).findBy({ userId: In(users.map((u) => u.id)) });
    const organisation = await this.instance.organisationName();
    let sent = 0;
    for (const user of users) {
      const guest = guests.find((g) => g.userId === user.id);
      const already = (guest?.remindersSent ?? '').split(',').filter(Boolean).map(Number);
      const days = guest && user.accessEndsAt ? reminderDue(user.accessEndsAt, already, now) : undefined;
      if (!guest || !user.accessEndsAt || days === undefined) continue;
      // A 1-day reminder also stands for the 7-day one, should both be due at once.
      const record = GUEST_LIMITS.reminderDays.filter((d) => d >= days || already.includes(d)).join(',');
      const claimed = await this.dataSource.getRepository(GuestEntity).update({ userId: user.id, remindersSent: guest.remindersSent }, { remindersSent: record });
      if (claimed.affected !== 1) continue;
      const sponsor = guest.sponsorId ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: guest.sponsorId }) : null;
      const common = { guestName: user.name, endsAt: user.accessEndsAt, days, organisation, guestsUrl: this.guestsUrl(user.id) };
      if (user.passwordHash) await this.mail.send(reminderMail({ ...common, to: user, forSponsor: false }));
      if (sponsor) await this.mail.send(reminderMail({ ...common, to: sponsor, forSponsor: true }));
      await this.audit.record({ type: 'guest.reminded', outcome: 'success', actor: SYSTEM_ACTOR, subject: user.id, details: { days } }, CLI_CONTEXT);
      for (const listener of this.reminderListeners) {
        await listener({ ...common, guest: user, sponsor }).catch((error: Error) => this.logger.warn(`Reminder alert for ${user.id}: ${error.message}`));
      }
      sent += 1;
    }
    return sent;
  }

  private guestsUrl(userId: string): string {
    return `${this.config.publicUrl}/guests/${userId}`;
  }
}
