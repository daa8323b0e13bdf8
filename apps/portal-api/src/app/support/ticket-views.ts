import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AgentTicketView,
  type PersonRef,
  type QueueTicket,
  type TicketContext,
  type TicketEvent,
  type TicketMessageView,
  type TicketSummary,
  type TicketView,
} from '@passerelle/contracts';
import { DataSource, In, Not } from 'typeorm';
import { Clock } from '../../infra/clock';
import { UserEntity } from '../accounts/entities/user.entity';
import { CatalogAppEntity } from '../catalog/entities/catalog-app.entity';
import { AttachmentsService } from './attachments/attachments.service';
import { SupportCategoryEntity } from './entities/support-category.entity';
import { TicketMessageEntity } from './entities/ticket-message.entity';
import { TicketEntity } from './entities/ticket.entity';
import { OPEN_STATUSES, parseFields, parseJson, reopenUntil, slaView } from './support-rules';

/** The names a list of tickets refers to, loaded once per list. */
interface Lookups {
  users: Map<string, UserEntity>;
  categories: Map<string, SupportCategoryEntity>;
  apps: Map<string, string>;
  mergedNumbers: Map<string, number>;
}

const DELETED_PERSON = 'Former account';

/** Turns ticket rows into what requesters and agents see. Internal notes only ever reach `agent` views. */
@Injectable()
export class TicketViews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly attachments: AttachmentsService,
  ) {}

  async summaries(rows: TicketEntity[]): Promise<TicketSummary[]> {
    const lookups = await this.lookups(rows);
    return rows.map((t) => this.summary(t, lookups));
  }

  async queueRows(rows: TicketEntity[]): Promise<QueueTicket[]> {
    const lookups = await this.lookups(rows);
    const now = this.clock.now();
    return rows.map((t) => {
      const { unread: _unread, ...summary } = this.summary(t, lookups);
      return {
        ...summary,
        requester: this.person(t.requesterId, lookups, true),
        assignee: t.assigneeId ? this.person(t.assigneeId, lookups, true) : null,
        sla: slaView(t, now),
        awaitingSupport: awaitingSupport(t),
      };
    });
  }

  async requesterView(ticket: TicketEntity, reopenDays: number): Promise<TicketView> {
    const lookups = await this.lookups([ticket]);
    return this.full(ticket, lookups, reopenDays, false);
  }

  async agentView(ticket: TicketEntity, reopenDays: number): Promise<AgentTicketView> {
    const lookups = await this.lookups([ticket]);
    const { unread: _unread, ...view } = await this.full(ticket, lookups, reopenDays, true);
    const requester = lookups.users.get(ticket.requesterId);
    const groups = requester
      ? ((await this.dataSource.getRepository(UserEntity).findOne({ where: { id: requester.id }, relations: { groups: true } }))?.groups ?? []).map((g) => g.name).sort()
      : [];
    const otherOpen = await this.dataSource.getRepository(TicketEntity).find({
      where: { requesterId: ticket.requesterId, status: In([...OPEN_STATUSES]), id: Not(ticket.id) },
      order: { number: 'DESC' },
      take: 20,
    });
    return {
      ...view,
      requester: { ...this.person(ticket.requesterId, lookups, true), kind: requester?.kind ?? 'employee', groups },
      assignee: ticket.assigneeId ? this.person(ticket.assigneeId, lookups, true) : null,
      sla: slaView(ticket, this.clock.now()),
      otherOpen: otherOpen.map((t) => ({ id: t.id, number: t.number, subject: t.subject, status: t.status })),
    };
  }

  private async full(ticket: TicketEntity, lookups: Lookups, reopenDays: number, agent: boolean): Promise<TicketView> {
    const messages = await this.dataSource.getRepository(TicketMessageEntity).find({
      where: agent ? { ticketId: ticket.id } : { ticketId: ticket.id, kind: In(['message', 'event']) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const authors = messages.map((m) => m.authorId).filter((id): id is string => !!id && !lookups.users.has(id));
    if (authors.length) for (const u of await this.dataSource.getRepository(UserEntity).findBy({ id: In([...new Set(authors)]) })) lookups.users.set(u.id, u);
    const { byTicket, byMessage } = await this.attachments.viewsFor([ticket.id]);
    const category = ticket.categoryId ? lookups.categories.get(ticket.categoryId) : undefined;
    const defs = category ? parseFields(category.fields) : [];
    const values = parseJson<Record<string, string | boolean>>(ticket.fields, {});
    const until = reopenUntil(ticket.status, ticket.resolvedAt, reopenDays);
    return {
      ...this.summary(ticket, lookups),
      description: ticket.description,
      fields: Object.entries(values).map(([key, value]) => ({ key, label: defs.find((d) => d.key === key)?.label ?? key, value })),
      context: parseJson<TicketContext>(ticket.context, { signInProblems: [], receivedAt: ticket.createdAt.toISOString() }),
      messages: messages.map(
        (m): TicketMessageView => ({
          id: m.id,
          kind: m.kind,
          // The requester sees who from support answered, by name only.
          author: m.authorId ? this.person(m.authorId, lookups, agent) : null,
          fromSupport: m.fromSupport,
          body: m.body,
          ...(m.event ? { event: parseJson<TicketEvent>(m.event, { type: 'status', value: null }) } : {}),
          attachments: byMessage.get(m.id) ?? [],
          createdAt: m.createdAt.toISOString(),
        }),
      ),
      attachments: byTicket.get(ticket.id) ?? [],
      reopenUntil: until && until.getTime() > this.clock.now().getTime() ? until.toISOString() : null,
      resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
      closedAt: ticket.closedAt?.toISOString() ?? null,
    };
  }

  private summary(t: TicketEntity, lookups: Lookups): TicketSummary {
    const category = t.categoryId ? lookups.categories.get(t.categoryId) : undefined;
    return {
      id: t.id,
      number: t.number,
      subject: t.subject,
      status: t.status,
      urgency: t.urgency,
      category: category ? { id: category.id, name: category.name } : null,
      app: t.appId ? { id: t.appId, name: lookups.apps.get(t.appId) ?? t.appId } : null,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      unread: unread(t),
      mergedInto: t.mergedIntoId ? (lookups.mergedNumbers.get(t.mergedIntoId) ?? null) : null,
    };
  }

  private person(id: string, lookups: Lookups, withEmail: boolean): PersonRef {
    const user = lookups.users.get(id);
    if (!user) return { id, name: DELETED_PERSON };
    return { id, name: user.name, ...(withEmail ? { email: user.email } : {}) };
  }

  private async lookups(rows: TicketEntity[]): Promise<Lookups> {
    const ids = (pick: (t: TicketEntity) => string | null) => [...new Set(rows.map(pick).filter((v): v is string => !!v))];
    const userIds = [...ids((t) => t.requesterId), ...ids((t) => t.assigneeId)];
    const [users, categories, apps, merged] = await Promise.all([
      userIds.length ? this.dataSource.getRepository(UserEntity).findBy({ id: In(userIds) }) : [],
      ids((t) => t.categoryId).length ? this.dataSource.getRepository(SupportCategoryEntity).findBy({ id: In(ids((t) => t.categoryId)) }) : [],
      ids((t) => t.appId).length ? this.dataSource.getRepository(CatalogAppEntity).find({ select: { id: true, name: true }, where: { id: In(ids((t) => t.appId)) } }) : [],
      ids((t) => t.mergedIntoId).length ? this.dataSource.getRepository(TicketEntity).find({ select: { id: true, number: true }, where: { id: In(ids((t) => t.mergedIntoId)) } }) : [],
    ]);
    return {
      users: new Map(users.map((u) => [u.id, u])),
      categories: new Map(categories.map((c) => [c.id, c])),
      apps: new Map(apps.map((a) => [a.id, a.name])),
      mergedNumbers: new Map(merged.map((t) => [t.id, t.number])),
    };
  }
}

/** The requester has news: an agent's reply or a status change after they last looked. */
export function unread(t: Pick<TicketEntity, 'supportActivityAt' | 'requesterSeenAt'>): boolean {
  return !!t.supportActivityAt && (!t.requesterSeenAt || t.supportActivityAt.getTime() > t.requesterSeenAt.getTime());
}

/** Support has not seen the requester's latest message (or the new ticket). */
export function awaitingSupport(t: Pick<TicketEntity, 'requesterActivityAt' | 'supportSeenAt' | 'status'>): boolean {
  if (t.status === 'closed') return false;
  return !!t.requesterActivityAt && (!t.supportSeenAt || t.requesterActivityAt.getTime() > t.supportSeenAt.getTime());
}
