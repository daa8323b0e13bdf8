import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { AccessRequestStatus, AccessRequestView, Page } from '@passerelle/contracts';
import { DataSource, type EntityManager, type FindOptionsOrder } from 'typeorm';
import { Clock } from '../../../infra/clock';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { MailService } from '../../../infra/mail/mail.service';
import { UserEntity } from '../../accounts/entities/user.entity';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { InstanceService } from '../../instance/instance.service';
import { EntitlementsService } from '../entitlements.service';
import { AccessRequestEntity } from '../entities/access-request.entity';
import { AppGrantEntity } from '../entities/app-grant.entity';
import { accessDecisionMail } from './decision-mail';

/** Same words for an unknown app and one that can't be requested: no hint about what exists. */
const NOT_REQUESTABLE = 'This app can’t be requested. Ask your IT team directly.';
const OWN_REQUESTS_MAX = 200;

/**
 * "Request access": a person asks for a requestable app they can't open yet; an administrator
 * approves (the person is given the app one by one, and told) or refuses (and the person is told).
 */
@Injectable()
export class AccessRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly entitlements: EntitlementsService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly instance: InstanceService,
    private readonly clock: Clock,
  ) {}

  /**
   * Files a request, or returns the one already waiting for this person and app (`created: false`):
   * one pending request per person and app, also when two arrive at once.
   */
  async create(userId: string, appId: string, reason: string | undefined, context: RequestContext): Promise<{ request: AccessRequestView; created: boolean }> {
    const { catalog, open, guest } = await this.entitlements.access(userId);
    const app = catalog.byId.get(appId);
    // Guests don't ask: their sponsor chooses their apps (same answer as for an app that can't be asked for).
    if (!app || !app.requestable || guest) throw new AppError('validation_failed', 400, NOT_REQUESTABLE, { appId: [NOT_REQUESTABLE] });
    if (open.has(app.id)) {
      const message = 'You can already open this app from your dashboard.';
      throw new AppError('validation_failed', 400, message, { appId: [message] });
    }
    const outcome = await this.dataSource.transaction(async (tx) => {
      await this.lockPerson(tx, userId);
      const pending = await tx.findOne(AccessRequestEntity, { where: { userId, appId: app.id, status: 'pending' }, select: { id: true } });
      if (pending) return { id: pending.id, created: false };
      const id = randomUUID();
      await tx.insert(AccessRequestEntity, {
        id,
        appId: app.id,
        userId,
        reason: (reason ?? '').trim(),
        status: 'pending',
        createdAt: this.clock.now(),
        decidedAt: null,
        decidedBy: null,
        note: null,
      });
      await this.audit.record({ type: 'access_request.created', outcome: 'success', actor: userId, subject: userId, details: { app: app.id, request: id } }, context, tx);
      return { id, created: true };
    });
    return { request: await this.get(outcome.id), created: outcome.created };
  }

  /** The person's own requests, newest first. */
  async listOwn(userId: string): Promise<AccessRequestView[]> {
    const rows = await this.rows().find({ where: { userId }, relations: { app: true, user: true }, order: { createdAt: 'DESC', id: 'ASC' }, take: OWN_REQUESTS_MAX });
    return rows.map(view);
  }

  /** For administrators: waiting requests oldest first (a queue); decided ones latest decision first. */
  async list(status: AccessRequestStatus | undefined, page: number, pageSize: number): Promise<Page<AccessRequestView>> {
    const order: FindOptionsOrder<AccessRequestEntity> =
      status === 'pending' ? { createdAt: 'ASC', id: 'ASC' } : status ? { decidedAt: 'DESC', id: 'ASC' } : { createdAt: 'DESC', id: 'ASC' };
    const [rows, total] = await this.rows().findAndCount({
      where: status ? { status } : {},
      relations: { app: true, user: true },
      order,
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(view), total, page, pageSize };
  }

  async get(id: string): Promise<AccessRequestView> {
    const row = await this.rows().findOne({ where: { id }, relations: { app: true, user: true } });
    if (!row) throw new AppError('not_found', 404, 'There is no such access request.');
    return view(row);
  }

  /** Gives the person the app (an individual grant) and marks the request approved, together; tells the person. */
  approve(id: string, adminId: string, note: string | undefined, context: RequestContext): Promise<AccessRequestView> {
    return this.decide(id, 'approved', adminId, note, context);
  }

  refuse(id: string, adminId: string, note: string | undefined, context: RequestContext): Promise<AccessRequestView> {
    return this.decide(id, 'refused', adminId, note, context);
  }

  private async decide(id: string, decision: 'approved' | 'refused', adminId: string, note: string | undefined, context: RequestContext): Promise<AccessRequestView> {
    const request = await this.rows().findOne({ where: { id }, relations: { app: true, user: true } });
    if (!request?.app || !request.user) throw new AppError('not_found', 404, 'There is no such access request.');
    const { app, user } = request;
    const cleanNote = note?.trim() || null;
    const organisation = await this.instance.organisationName();
    await this.dataSource.transaction(async (tx) => {
      // Only a pending request changes: of two administrators deciding at once, the second gets 409.
      const changed = await tx.update(AccessRequestEntity, { id, status: 'pending' }, { status: decision, decidedAt: this.clock.now(), decidedBy: adminId, note: cleanNote });
      if (!changed.affected) throw new AppError('conflict', 409, 'This request was already decided.');
      if (decision === 'approved') {
        await tx.createQueryBuilder().insert().into(AppGrantEntity).values({ appId: app.id, userId: user.id, grantedBy: adminId }).orIgnore().execute();
      }
      await this.audit.record(
        { type: `access_request.${decision}`, outcome: 'success', actor: adminId, subject: user.id, details: { app: app.id, request: id, ...(decision === 'approved' ? { grant: true } : {}) } },
        context,
        tx,
      );
      await this.mail.send(
        accessDecisionMail({
          to: user.email,
          name: user.name,
          locale: user.locale,
          organisation,
          appName: app.name,
          approved: decision === 'approved',
          note: cleanNote,
          dashboardUrl: `${this.config.publicUrl}/`,
        }),
        tx,
      );
    });
    return this.get(id);
  }

  /** Serialises one person's requests: FOR UPDATE on PostgreSQL; SQLite transactions are already serial. */
  private async lockPerson(tx: EntityManager, userId: string): Promise<void> {
    if (this.dataSource.options.type !== 'postgres') return;
    await tx.getRepository(UserEntity).createQueryBuilder('u').select('u.id').where('u.id = :userId', { userId }).setLock('pessimistic_write').getOne();
  }

  private rows() {
    return this.dataSource.getRepository(AccessRequestEntity);
  }
}

function view(row: AccessRequestEntity): AccessRequestView {
  return {
    id: row.id,
    app: { id: row.appId, name: row.app?.name ?? row.appId },
    user: { id: row.userId, email: row.user?.email ?? '', name: row.user?.name ?? '' },
    reason: row.reason,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
    note: row.note,
  };
}
