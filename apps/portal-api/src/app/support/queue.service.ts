import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  SUPPORT_LIMITS,
  type AgentMessageRequest,
  type AgentTicketView,
  type MergeTicketRequest,
  type QueueOptions,
  type QueueQuery,
  type QueueTicket,
  type TicketList,
  type UpdateTicketRequest,
} from '@passerelle/contracts';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { Clock } from '../../infra/clock';
import { UserEntity } from '../accounts/entities/user.entity';
import { CatalogAppEntity } from '../catalog/entities/catalog-app.entity';
import { AppError } from '../http/app-error';
import type { RequestContext } from '../http/request-context';
import type { PortalUser } from '../identity/session/portal-user';
import { AttachmentEntity } from './attachments/entities/attachment.entity';
import { AttachmentsService } from './attachments/attachments.service';
import { SupportCategoryEntity } from './entities/support-category.entity';
import { TicketMessageEntity } from './entities/ticket-message.entity';
import { TicketEntity } from './entities/ticket.entity';
import { SupportAdminService } from './support-admin.service';
import { decodeCursor, encodeCursor, OPEN_STATUSES } from './support-rules';
import { TicketChanges, type Actor } from './ticket-changes';
import { TicketNotifier, type PendingAlert } from './ticket-notifier';
import { TicketViews } from './ticket-views';
import { notFound } from './tickets.service';

const PAGE_SIZE = 50;

/** An agent: an employee with the `support` permission, or an administrator. */
export function isAgent(user: Pick<UserEntity, 'isAdmin' | 'permissions' | 'kind' | 'status'>): boolean {
  return user.status === 'active' && (user.isAdmin || (user.kind === 'employee' && (user.permissions ?? []).includes('support')));
}

/**
 * The support side: the queue, a ticket with everything about it, changes, replies and internal
 * notes, merges. The queue is sorted by resolution due time, soonest first: urgent and late tickets
 * come first, and the order is the same for every agent and stable for cursor paging.
 */
@Injectable()
export class QueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly admin: SupportAdminService,
    private readonly views: TicketViews,
    private readonly changes: TicketChanges,
    private readonly notifier: TicketNotifier,
    private readonly attachments: AttachmentsService,
  ) {}

  /** 403 unless the person works support (fresh from the database: a permission just removed counts). */
  async agent(user: PortalUser): Promise<Actor> {
    const row = await this.dataSource.getRepository(UserEntity).findOneBy({ id: user.id });
    if (!row || !isAgent(row)) throw new AppError('forbidden', 403, 'Only support agents and administrators can work the support queue.');
    return { id: row.id, support: true };
  }

  async options(): Promise<QueueOptions> {
    const [agents, categories, apps, cannedReplies] = await Promise.all([
      this.agents(),
      this.admin.categories({ includeArchived: true }),
      this.dataSource.getRepository(CatalogAppEntity).find({ select: { id: true, name: true }, order: { name: 'ASC' } }),
      this.admin.cannedReplies(),
    ]);
    return { agents: agents.map((a) => ({ id: a.id, name: a.name, email: a.email })), categories, apps: apps.map((a) => ({ id: a.id, name: a.name })), cannedReplies };
  }

  async queue(actor: Actor, query: QueueQuery): Promise<TicketList<QueueTicket>> {
    const limit = Math.min(query.limit ?? PAGE_SIZE, SUPPORT_LIMITS.pageSizeMax);
    const cursor = decodeCursor(query.cursor);
    if (query.cursor && (!cursor || typeof cursor.key !== 'string')) throw new AppError('validation_failed', 400, 'This cursor is not valid.', { cursor: ['Use the nextCursor of the previous page.'] });
    const page = this.filtered(actor, query);
    if (cursor) {
      const at = new Date(cursor.key as string);
      page.andWhere(new Brackets((w) => w.where('t.resolution_due_at > :at', { at }).orWhere('t.resolution_due_at = :at AND t.id > :id', { at, id: cursor.id })));
    }
    const rows = await page.orderBy('t.resolution_due_at', 'ASC').addOrderBy('t.id', 'ASC').take(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: await this.views.queueRows(items),
      nextCursor: rows.length > limit && last?.resolutionDueAt ? encodeCursor(last.resolutionDueAt.toISOString(), last.id) : null,
      total: await this.filtered(actor, query).getCount(),
    };
  }

  /** A ticket with notes, events, the requester and their other open tickets; marks it seen by support. */
  async get(actor: Actor, id: string): Promise<AgentTicketView> {
    const ticket = await this.dataSource.getRepository(TicketEntity).findOneBy({ id });
    if (!ticket) throw notFound();
    const now = this.clock.now();
    await this.dataSource.getRepository(TicketEntity).update({ id }, { supportSeenAt: now });
    ticket.supportSeenAt = now;
    return this.view(ticket);
  }

  async update(actor: Actor, id: string, input: UpdateTicketRequest, context: RequestContext): Promise<AgentTicketView> {
    const assignee = input.assigneeId ? await this.dataSource.getRepository(UserEntity).findOneBy({ id: input.assigneeId }) : null;
    if (input.assigneeId && (!assignee || !isAgent(assignee))) {
      throw new AppError('validation_failed', 400, 'Assign the ticket to a support agent or an administrator.', { assigneeId: ['Choose a support agent or an administrator.'] });
    }
    const category = input.categoryId ? await this.dataSource.getRepository(SupportCategoryEntity).findOneBy({ id: input.categoryId }) : null;
    if (input.categoryId && !category) throw new AppError('validation_failed', 400, 'Choose a category from the list.', { categoryId: ['Choose a category from the list.'] });
    const alerts: PendingAlert[] = [];
    const ticket = await this.dataSource.transaction(async (tx) => {
      const ticket = await this.changes.lock(tx, id);
      if (!ticket) throw notFound();
      const changed: string[] = [];
      if (input.status !== undefined && input.status !== ticket.status) {
        if (ticket.status === 'closed') throw new AppError('conflict', 409, `Ticket #${ticket.number} is closed; it can’t change any more.`);
        await this.changes.setStatus(tx, ticket, input.status, actor);
        alerts.push(await this.notifier.toRequester(tx, ticket, { kind: 'status', status: input.status }));
        changed.push('status');
      }
      if (input.urgency !== undefined && input.urgency !== ticket.urgency) {
        ticket.urgency = input.urgency;
        await this.changes.addEvent(tx, ticket, actor, { type: 'urgency', value: input.urgency });
        changed.push('urgency');
      }
      if (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId) {
        ticket.assigneeId = input.assigneeId;
        await this.changes.addEvent(tx, ticket, actor, { type: 'assignee', value: assignee?.name ?? null });
        changed.push('assignee');
      }
      if (input.categoryId !== undefined && input.categoryId !== ticket.categoryId && category) {
        ticket.categoryId = category.id;
        await this.changes.addEvent(tx, ticket, actor, { type: 'category', value: category.name });
        changed.push('category');
      }
      if (!changed.length) return ticket;
      ticket.updatedAt = this.clock.now();
      await this.changes.save(tx, ticket);
      await this.changes.record(tx, 'support.ticket_changed', actor, ticket, context, {
        changed: changed.join(','),
        status: ticket.status,
        urgency: ticket.urgency,
        assignee: ticket.assigneeId,
        category: ticket.categoryId,
      });
      await this.changes.webhook(tx, 'ticket.updated', ticket);
      return ticket;
    });
    for (const alert of alerts) await alert.send();
    return this.view(ticket);
  }

  /**
   * An agent's reply (the requester is told) or internal note (never shown to them), optionally with
   * a status. The first reply is the first response (SLA) and moves a `new` ticket to `in_progress`.
   */
  async message(actor: Actor, id: string, input: AgentMessageRequest, context: RequestContext): Promise<AgentTicketView> {
    const body = input.body.trim();
    if (!body) throw new AppError('validation_failed', 400, 'Write a message.', { body: ['Write a message.'] });
    const internal = input.internal === true;
    const alerts: PendingAlert[] = [];
    const ticket = await this.dataSource.transaction(async (tx) => {
      const ticket = await this.changes.lock(tx, id);
      if (!ticket) throw notFound();
      if (ticket.status === 'closed' && !internal) throw new AppError('conflict', 409, `Ticket #${ticket.number} is closed; the requester can’t be answered here any more.`);
      const now = this.clock.now();
      const message = await this.changes.addMessage(tx, ticket, actor, internal ? 'note' : 'message', body);
      if (input.attachmentIds?.length) await this.attachments.claim(tx, { uploaderId: actor.id as string, ids: input.attachmentIds, ticketId: ticket.id, messageId: message.id });
      if (!internal) {
        ticket.firstResponseAt ??= now;
        ticket.supportActivityAt = now;
        alerts.push(await this.notifier.toRequester(tx, ticket, { kind: 'reply', body }));
      }
      const status = input.status ?? (!internal && ticket.status === 'new' ? 'in_progress' : undefined);
      if (status && status !== ticket.status) {
        await this.changes.setStatus(tx, ticket, status, actor);
        // A reply already tells the requester; a note with a status change is news of its own.
        if (internal) alerts.push(await this.notifier.toRequester(tx, ticket, { kind: 'status', status }));
      }
      Object.assign(ticket, { supportSeenAt: now, updatedAt: now });
      await this.changes.save(tx, ticket);
      await this.changes.record(tx, internal ? 'support.ticket_note_added' : 'support.ticket_answered', actor, ticket, context, { status: ticket.status, attachments: input.attachmentIds?.length ?? 0 });
      if (!internal) await this.changes.webhook(tx, 'ticket.message', ticket, message);
      else if (status) await this.changes.webhook(tx, 'ticket.updated', ticket);
      return ticket;
    });
    for (const alert of alerts) await alert.send();
    return this.view(ticket);
  }

  /** Merges a duplicate into another ticket of the same requester: conversation and files move, the duplicate closes. */
  async merge(actor: Actor, id: string, input: MergeTicketRequest, context: RequestContext): Promise<AgentTicketView> {
    if (input.intoId === id) throw new AppError('validation_failed', 400, 'A ticket can’t be merged into itself.', { intoId: ['Choose another ticket.'] });
    const target = await this.dataSource.transaction(async (tx) => {
      // Both rows locked in id order: two agents merging A into B and B into A at once wait for
      // each other instead of deadlocking (a 500 on PostgreSQL).
      const [first, second] = id < input.intoId ? [id, input.intoId] : [input.intoId, id];
      const locked = new Map([[first, await this.changes.lock(tx, first)], [second, await this.changes.lock(tx, second)]]);
      const source = locked.get(id);
      if (!source) throw notFound();
      const target = locked.get(input.intoId);
      if (!target) throw new AppError('validation_failed', 400, 'There is no such ticket to merge into.', { intoId: ['Choose one of the requester’s tickets.'] });
      if (target.requesterId !== source.requesterId) throw new AppError('validation_failed', 400, 'Only tickets of the same person can be merged.', { intoId: ['Choose one of the requester’s tickets.'] });
      if (source.status === 'closed') throw new AppError('conflict', 409, `Ticket #${source.number} is closed; it can’t be merged.`);
      if (target.status === 'closed') throw new AppError('conflict', 409, `Ticket #${target.number} is closed; merge into an open ticket.`);
      await tx.update(TicketMessageEntity, { ticketId: source.id }, { ticketId: target.id });
      await tx.update(AttachmentEntity, { ticketId: source.id }, { ticketId: target.id });
      // The duplicate's own description comes along as a message, so nothing the requester wrote is lost.
      await this.changes.addMessage(tx, target, { id: source.requesterId, support: false }, 'message', `#${source.number} — ${source.subject}\n\n${source.description}`);
      await this.changes.addEvent(tx, target, actor, { type: 'merged_from', value: String(source.number) });
      source.mergedIntoId = target.id;
      await this.changes.setStatus(tx, source, 'closed', actor);
      await this.changes.addEvent(tx, source, actor, { type: 'merged_into', value: String(target.number) });
      await this.changes.save(tx, source);
      const now = this.clock.now();
      // The target keeps the earlier of the two first responses and the later news of each side.
      target.firstResponseAt = earliest(target.firstResponseAt, source.firstResponseAt);
      target.requesterActivityAt = latest(target.requesterActivityAt, source.requesterActivityAt);
      target.updatedAt = now;
      await this.changes.save(tx, target);
      await this.changes.record(tx, 'support.ticket_merged', actor, source, context, { into: target.id, intoNumber: target.number });
      await this.changes.webhook(tx, 'ticket.merged', source);
      return target;
    });
    return this.view(target);
  }

  async view(ticket: TicketEntity): Promise<AgentTicketView> {
    return this.views.agentView(ticket, (await this.admin.settings()).reopenDays);
  }

  async agents(): Promise<UserEntity[]> {
    const rows = await this.dataSource.getRepository(UserEntity).find({ where: { status: 'active', kind: 'employee' }, order: { name: 'ASC' } });
    return rows.filter(isAgent);
  }

  private filtered(actor: Actor, query: QueueQuery): SelectQueryBuilder<TicketEntity> {
    const now = this.clock.now();
    const q = this.dataSource.getRepository(TicketEntity).createQueryBuilder('t');
    q.where('1 = 1');
    if (query.status === 'open') q.andWhere('t.status IN (:...open)', { open: [...OPEN_STATUSES] });
    else if (query.status) q.andWhere('t.status = :status', { status: query.status });
    if (query.categoryId) q.andWhere('t.category_id = :categoryId', { categoryId: query.categoryId });
    if (query.urgency) q.andWhere('t.urgency = :urgency', { urgency: query.urgency });
    if (query.appId) q.andWhere('t.app_id = :appId', { appId: query.appId });
    const assignee = query.assignee ?? 'any';
    if (assignee === 'me') q.andWhere('t.assignee_id = :me', { me: actor.id });
    else if (assignee === 'unassigned') q.andWhere('t.assignee_id IS NULL');
    else if (assignee !== 'any') q.andWhere('t.assignee_id = :assignee', { assignee });
    // `breached=true` keeps the late tickets; false (or absent) filters nothing.
    if (query.breached) {
      // The same rule as slaView(): a due time passed while unmet, or met late. Merged tickets are never late.
      const open = [...OPEN_STATUSES];
      const breached = new Brackets((w) =>
        w
          .where('t.first_response_at IS NULL AND t.status IN (:...openB) AND t.first_response_due_at < :now', { openB: open, now })
          .orWhere('t.first_response_at > t.first_response_due_at')
          .orWhere('t.status IN (:...openB) AND t.resolution_due_at < :now', { openB: open, now })
          .orWhere('t.status NOT IN (:...openB) AND COALESCE(t.resolved_at, t.closed_at) > t.resolution_due_at', { openB: open }),
      );
      q.andWhere('t.merged_into_id IS NULL').andWhere(breached);
    }
    const text = query.q?.trim();
    if (text) {
      const number = /^#?(\d{1,9})$/.exec(text);
      const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // A sub-select rather than a join, so paging with take() stays a plain query.
      q.andWhere(
        new Brackets((w) => {
          if (number) w.where('t.number = :number', { number: Number(number[1]) });
          w.orWhere("LOWER(t.subject) LIKE :like ESCAPE '\\'", { like }).orWhere(
            "t.requester_id IN (SELECT u.id FROM users u WHERE LOWER(u.name) LIKE :like ESCAPE '\\' OR LOWER(u.email) LIKE :like ESCAPE '\\')",
            { like },
          );
        }),
      );
    }
    return q;
  }
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a.getTime() <= b.getTime() ? a : b;
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a.getTime() >= b.getTime() ? a : b;
}
