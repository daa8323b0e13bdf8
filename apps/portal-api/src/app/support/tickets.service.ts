import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import {
  ATTACHMENT_LIMITS,
  ATTACHMENT_TYPES,
  SUPPORT_LIMITS,
  TicketUrgencies,
  type CreateTicketRequest,
  type CreateTicketResponse,
  type PostMessageRequest,
  type SignInProblem,
  type SupportFormOptions,
  type TicketContext,
  type TicketList,
  type TicketStatus,
  type TicketSummary,
  type TicketView,
} from '@passerelle/contracts';
import { Brackets, DataSource, In, MoreThan, type EntityManager } from 'typeorm';
import { Clock } from '../../infra/clock';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { isUniqueViolation } from '../../infra/database/names';
import { AuditEventEntity } from '../audit/entities/audit-event.entity';
import { EntitlementsService } from '../catalog/entitlements.service';
import { AppError } from '../http/app-error';
import type { RequestContext } from '../http/request-context';
import type { PortalUser } from '../identity/session/portal-user';
import { AttachmentsService } from './attachments/attachments.service';
import { SupportCategoryEntity } from './entities/support-category.entity';
import { TicketMessageEntity } from './entities/ticket-message.entity';
import { TicketEntity } from './entities/ticket.entity';
import type { SupportOrigin } from './widget-access/widget-access.service';
import { SupportAdminService } from './support-admin.service';
import { cleanClientContext, decodeCursor, dueTimes, encodeCursor, fieldValueProblems, MINUTE_MS, parseFields, reopenUntil, type Problems } from './support-rules';
import { TicketChanges, type Actor } from './ticket-changes';
import { TicketNotifier } from './ticket-notifier';
import { TicketViews } from './ticket-views';

/** Tickets and replies one person may send in RATE_WINDOW (together): a loop or a flood is stopped, a real person never is. */
export const RATE_LIMIT = 20;
export const RATE_WINDOW_MS = 10 * MINUTE_MS;
const NUMBER_RETRIES = 8;
/** PostgreSQL advisory lock key serialising ticket numbering (an arbitrary constant of this feature). */
const TICKET_NUMBER_LOCK = 4_172_023_907;
const PAGE_SIZE = 20;

const SIGN_IN_PROBLEM_TYPES = ['auth.password', 'auth.totp', 'auth.recovery_code', 'auth.locked'];

/** The requester's side: filing, their list, a ticket's conversation, replies, reopening and resolving. */
@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly admin: SupportAdminService,
    private readonly views: TicketViews,
    private readonly changes: TicketChanges,
    private readonly notifier: TicketNotifier,
    private readonly attachments: AttachmentsService,
    private readonly entitlements: EntitlementsService,
  ) {}

  async options(user: PortalUser, origin: SupportOrigin): Promise<SupportFormOptions> {
    const settings = await this.admin.settings();
    return {
      categories: await this.admin.categories({ includeArchived: false }),
      urgencies: TicketUrgencies,
      attachments: { maxBytes: this.config.attachments.maxBytes, perMessage: ATTACHMENT_LIMITS.perMessage, types: ATTACHMENT_TYPES },
      signInProblems: await this.signInProblems(user.id),
      app: origin.app,
      apps: origin.app ? [] : await this.appsOf(user.id),
      reopenDays: settings.reopenDays,
      requester: { id: user.id, name: user.name, email: user.email, locale: user.locale ?? 'en' },
    };
  }

  /** The apps the person may open, in dashboard order: what a ticket filed outside any app may be about. */
  private async appsOf(userId: string): Promise<Array<{ id: string; name: string }>> {
    const { catalog, open } = await this.entitlements.access(userId);
    return catalog.apps.filter((app) => open.has(app.id)).map(({ id, name }) => ({ id, name }));
  }

  private async chosenApp(userId: string, appId: string, problems: Problems): Promise<{ id: string; name: string } | null> {
    const app = (await this.appsOf(userId)).find((candidate) => candidate.id === appId);
    if (!app) problems['appId'] = ['Choose one of your apps from the list.'];
    return app ?? null;
  }

  /**
   * Files a ticket. Idempotent on (requester, requestId): a retry, or a second submit racing the
   * first, gets the first ticket back with `created: false` — the unique index decides the race.
   */
  async create(user: PortalUser, input: CreateTicketRequest, origin: SupportOrigin, context: RequestContext): Promise<CreateTicketResponse> {
    const earlier = await this.byRequest(user.id, input.requestId);
    if (earlier) return { ticket: await this.view(earlier), created: false };

    const problems: Problems = {};
    const category = await this.dataSource.getRepository(SupportCategoryEntity).findOneBy({ id: input.categoryId });
    if (!category) problems['categoryId'] = ['Choose a category from the list.'];
    else if (category.archived) problems['categoryId'] = ['This category is no longer offered; choose another one.'];
    const fields = category && !category.archived ? fieldValueProblems(parseFields(category.fields), input.fields as Record<string, unknown> | undefined, problems) : {};
    // From inside an app, the app is the widget's origin; elsewhere, the person may name one of theirs.
    const app = origin.app ?? (input.appId ? await this.chosenApp(user.id, input.appId, problems) : null);
    const subject = input.subject.trim();
    const description = input.description.trim();
    if (!subject) problems['subject'] = ['Say in a few words what is wrong.'];
    if (!description) problems['description'] = ['Describe what happened.'];
    if (Object.keys(problems).length) throw new AppError('validation_failed', 400, 'Some fields are missing or not valid.', problems);

    await this.checkRate(user.id);
    const now = this.clock.now();
    const { context: client, pageUrlRejected } = cleanClientContext(input.context, origin.origin);
    const ticketContext: TicketContext = {
      ...client,
      app,
      origin: origin.origin,
      signInProblems: await this.signInProblems(user.id),
      receivedAt: now.toISOString(),
      ...(pageUrlRejected ? { pageUrlRejected: true } : {}),
    };
    const due = dueTimes(await this.admin.settings(), input.urgency, now);
    const actor: Actor = { id: user.id, support: false };

    for (let attempt = 1; ; attempt++) {
      try {
        const ticket = await this.dataSource.transaction(async (tx) => {
          const ticket: TicketEntity = {
            id: randomUUID(),
            number: await this.nextNumber(tx),
            requesterId: user.id,
            categoryId: category?.id ?? null,
            subject,
            description,
            urgency: input.urgency,
            status: 'new',
            assigneeId: null,
            appId: app?.id ?? null,
            context: JSON.stringify(ticketContext),
            fields: JSON.stringify(fields),
            requestId: input.requestId,
            mergedIntoId: null,
            firstResponseAt: null,
            resolvedAt: null,
            closedAt: null,
            ...due,
            requesterSeenAt: now,
            supportSeenAt: null,
            requesterActivityAt: now,
            supportActivityAt: null,
            createdAt: now,
            updatedAt: now,
          };
          // The insert comes first: a racing double submit fails here, before claiming the same uploads.
          await tx.insert(TicketEntity, ticket);
          if (input.attachmentIds?.length) await this.attachments.claim(tx, { uploaderId: user.id, ids: input.attachmentIds, ticketId: ticket.id, messageId: null });
          await this.changes.record(tx, 'support.ticket_created', actor, ticket, context, { urgency: ticket.urgency, category: ticket.categoryId, app: ticket.appId, attachments: input.attachmentIds?.length ?? 0 });
          await this.changes.webhook(tx, 'ticket.created', ticket);
          await this.notifier.receipt(tx, ticket);
          return ticket;
        });
        await this.notifier.newTicket(ticket);
        return { ticket: await this.view(ticket), created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const winner = await this.byRequest(user.id, input.requestId);
        if (winner) return { ticket: await this.view(winner), created: false };
        // Another ticket took this number: try the next one.
        if (attempt >= NUMBER_RETRIES) throw error;
      }
    }
  }

  async list(user: PortalUser, query: { status?: TicketStatus; cursor?: string; limit?: number }): Promise<TicketList<TicketSummary>> {
    const limit = Math.min(query.limit ?? PAGE_SIZE, SUPPORT_LIMITS.pageSizeMax);
    const base = () => {
      const q = this.dataSource.getRepository(TicketEntity).createQueryBuilder('t').where('t.requester_id = :me', { me: user.id });
      if (query.status) q.andWhere('t.status = :status', { status: query.status });
      return q;
    };
    const page = base();
    const cursor = decodeCursor(query.cursor);
    if (query.cursor && (!cursor || typeof cursor.key !== 'string')) throw new AppError('validation_failed', 400, 'This cursor is not valid.', { cursor: ['Use the nextCursor of the previous page.'] });
    if (cursor) {
      const at = new Date(cursor.key as string);
      page.andWhere(new Brackets((w) => w.where('t.updated_at < :at', { at }).orWhere('t.updated_at = :at AND t.id < :id', { at, id: cursor.id })));
    }
    const rows = await page.orderBy('t.updated_at', 'DESC').addOrderBy('t.id', 'DESC').take(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: await this.views.summaries(items),
      nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAt.toISOString(), last.id) : null,
      total: await base().getCount(),
    };
  }

  /** One of the person's tickets, marked seen. Anyone else's is a 404, exactly like one that doesn't exist. */
  async get(user: PortalUser, id: string): Promise<TicketView> {
    const ticket = await this.mine(user, id);
    const now = this.clock.now();
    await this.dataSource.getRepository(TicketEntity).update({ id }, { requesterSeenAt: now });
    ticket.requesterSeenAt = now;
    return this.view(ticket);
  }

  async unread(user: PortalUser): Promise<{ unread: number }> {
    const unread = await this.dataSource
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .where('t.requester_id = :me', { me: user.id })
      .andWhere('t.support_activity_at IS NOT NULL')
      .andWhere('(t.requester_seen_at IS NULL OR t.support_activity_at > t.requester_seen_at)')
      .getCount();
    return { unread };
  }

  /** The requester writes: `waiting` → `in_progress`; a resolved ticket within its reopen window is reopened. */
  async reply(user: PortalUser, id: string, input: PostMessageRequest, context: RequestContext): Promise<TicketView> {
    const body = input.body.trim();
    if (!body) throw new AppError('validation_failed', 400, 'Write a message.', { body: ['Write a message.'] });
    await this.mine(user, id);
    await this.checkRate(user.id);
    const actor: Actor = { id: user.id, support: false };
    const reopenDays = (await this.admin.settings()).reopenDays;
    const ticket = await this.dataSource.transaction(async (tx) => {
      const ticket = await this.lockMine(tx, user, id);
      this.refuseClosed(ticket);
      if (ticket.status === 'resolved') {
        this.checkReopenWindow(ticket, reopenDays);
        await this.changes.setStatus(tx, ticket, 'in_progress', actor, true);
      } else if (ticket.status === 'waiting') await this.changes.setStatus(tx, ticket, 'in_progress', actor, true);
      const message = await this.changes.addMessage(tx, ticket, actor, 'message', body);
      if (input.attachmentIds?.length) await this.attachments.claim(tx, { uploaderId: user.id, ids: input.attachmentIds, ticketId: ticket.id, messageId: message.id });
      const now = this.clock.now();
      Object.assign(ticket, { requesterActivityAt: now, requesterSeenAt: now, updatedAt: now });
      await this.changes.save(tx, ticket);
      await this.changes.record(tx, 'support.ticket_replied', actor, ticket, context, { attachments: input.attachmentIds?.length ?? 0 });
      await this.changes.webhook(tx, 'ticket.message', ticket, message);
      return ticket;
    });
    return this.view(ticket);
  }

  async reopen(user: PortalUser, id: string, context: RequestContext): Promise<TicketView> {
    const actor: Actor = { id: user.id, support: false };
    const reopenDays = (await this.admin.settings()).reopenDays;
    const ticket = await this.dataSource.transaction(async (tx) => {
      const ticket = await this.lockMine(tx, user, id);
      this.refuseClosed(ticket);
      if (ticket.status !== 'resolved') throw new AppError('conflict', 409, `Ticket #${ticket.number} is still open: no need to reopen it, just reply.`);
      this.checkReopenWindow(ticket, reopenDays);
      await this.changes.setStatus(tx, ticket, 'in_progress', actor, true);
      ticket.requesterActivityAt = this.clock.now();
      await this.changes.save(tx, ticket);
      await this.changes.record(tx, 'support.ticket_reopened', actor, ticket, context);
      await this.changes.webhook(tx, 'ticket.updated', ticket);
      return ticket;
    });
    return this.view(ticket);
  }

  /** The requester says it's solved. Already resolved: nothing changes. */
  async resolve(user: PortalUser, id: string, context: RequestContext): Promise<TicketView> {
    const actor: Actor = { id: user.id, support: false };
    const ticket = await this.dataSource.transaction(async (tx) => {
      const ticket = await this.lockMine(tx, user, id);
      this.refuseClosed(ticket);
      if (ticket.status === 'resolved') return ticket;
      await this.changes.setStatus(tx, ticket, 'resolved', actor, true);
      await this.changes.save(tx, ticket);
      await this.changes.record(tx, 'support.ticket_resolved', actor, ticket, context, { by: 'requester' });
      await this.changes.webhook(tx, 'ticket.updated', ticket);
      return ticket;
    });
    return this.view(ticket);
  }

  /** Failed sign-ins and second factors of this person in the last day, newest first (from the audit trail). */
  async signInProblems(userId: string): Promise<SignInProblem[]> {
    const since = new Date(this.clock.now().getTime() - SUPPORT_LIMITS.signInErrorsHours * 60 * MINUTE_MS);
    const rows = await this.dataSource.getRepository(AuditEventEntity).find({
      where: { subject: userId, outcome: 'failure', type: In(SIGN_IN_PROBLEM_TYPES), occurredAt: MoreThan(since) },
      order: { occurredAt: 'DESC' },
      take: SUPPORT_LIMITS.signInErrorsMax,
    });
    return rows.map((r) => ({ at: r.occurredAt.toISOString(), kind: r.type, summary: signInSummary(r.type, r.details) }));
  }

  async view(ticket: TicketEntity): Promise<TicketView> {
    return this.views.requesterView(ticket, (await this.admin.settings()).reopenDays);
  }

  private byRequest(requesterId: string, requestId: string): Promise<TicketEntity | null> {
    return this.dataSource.getRepository(TicketEntity).findOneBy({ requesterId, requestId });
  }

  private async mine(user: PortalUser, id: string): Promise<TicketEntity> {
    const ticket = await this.dataSource.getRepository(TicketEntity).findOneBy({ id });
    if (!ticket || ticket.requesterId !== user.id) throw notFound();
    return ticket;
  }

  private async lockMine(tx: EntityManager, user: PortalUser, id: string): Promise<TicketEntity> {
    const ticket = await this.changes.lock(tx, id);
    if (!ticket || ticket.requesterId !== user.id) throw notFound();
    return ticket;
  }

  private refuseClosed(ticket: TicketEntity): void {
    if (ticket.status !== 'closed') return;
    const merged = ticket.mergedIntoId ? ' It was merged into another ticket: write there.' : ' File a new ticket if you need more help.';
    throw new AppError('conflict', 409, `Ticket #${ticket.number} is closed.${merged}`);
  }

  private checkReopenWindow(ticket: TicketEntity, reopenDays: number): void {
    const until = reopenUntil(ticket.status, ticket.resolvedAt, reopenDays);
    if (!until || until.getTime() < this.clock.now().getTime()) {
      throw new AppError('conflict', 409, `Ticket #${ticket.number} was resolved more than ${reopenDays} day${reopenDays === 1 ? '' : 's'} ago and can’t be reopened; file a new ticket instead.`);
    }
  }

  /**
   * Next human number. On PostgreSQL filings take a transaction lock first, so concurrent ones wait
   * for each other instead of all reading the same MAX and failing one after the other (twenty at
   * once used to exhaust the retries: a 500). SQLite runs one transaction at a time anyway. Should
   * two still pick the same number, the unique index refuses the second, which tries again.
   */
  private async nextNumber(tx: EntityManager): Promise<number> {
    if (tx.connection.options.type === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [TICKET_NUMBER_LOCK]);
    const row = await tx.createQueryBuilder(TicketEntity, 't').select('MAX(t.number)', 'max').getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0) + 1;
  }

  /**
   * Tickets and replies by this person in the last 10 minutes, counted in the database (so every
   * portal process agrees). Over the limit: 429 with the seconds until the oldest leaves the window.
   */
  private async checkRate(userId: string): Promise<void> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - RATE_WINDOW_MS);
    const [tickets, messages] = await Promise.all([
      this.dataSource.getRepository(TicketEntity).find({ select: { createdAt: true }, where: { requesterId: userId, createdAt: MoreThan(since) }, order: { createdAt: 'ASC' }, take: RATE_LIMIT }),
      this.dataSource
        .getRepository(TicketMessageEntity)
        .find({ select: { createdAt: true }, where: { authorId: userId, kind: 'message', fromSupport: false, createdAt: MoreThan(since) }, order: { createdAt: 'ASC' }, take: RATE_LIMIT }),
    ]);
    const times = [...tickets, ...messages].map((r) => r.createdAt.getTime()).sort((a, b) => a - b);
    if (times.length < RATE_LIMIT) return;
    const oldest = times[times.length - RATE_LIMIT];
    const retryAfter = Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - now.getTime()) / 1000));
    throw new AppError('rate_limited', 429, `You sent ${RATE_LIMIT} tickets and messages in 10 minutes; try again in ${Math.ceil(retryAfter / 60)} min.`, undefined, { retryAfter: String(retryAfter) });
  }
}

export function notFound(): AppError {
  return new AppError('not_found', 404, 'No such ticket.');
}

function signInSummary(type: string, detailsJson: string): string {
  let reason = '';
  try {
    reason = String((JSON.parse(detailsJson) as { reason?: unknown }).reason ?? '');
  } catch {
    // No details: the type says enough.
  }
  if (type === 'auth.totp') return 'Wrong authenticator code';
  if (type === 'auth.recovery_code') return 'Wrong recovery code';
  if (type === 'auth.locked') return 'Account locked after too many attempts';
  if (reason === 'account_disabled') return 'Sign-in refused: account disabled';
  if (reason.startsWith('guest_')) return 'Sign-in refused: guest access not open';
  return 'Wrong password';
}

