import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { TicketEvent, TicketMessageKind, TicketStatus, WebhookEvent } from '@passerelle/contracts';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../infra/clock';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../http/app-error';
import type { RequestContext } from '../http/request-context';
import { TicketMessageEntity } from './entities/ticket-message.entity';
import { TicketEntity } from './entities/ticket.entity';
import { eventText } from './support-rules';
import { WebhooksService } from './webhooks/webhooks.service';

/** Who makes a change: the requester, an agent (or administrator), or Passerelle itself (jobs). */
export interface Actor {
  id: string | null;
  support: boolean;
}

export const SYSTEM_ACTOR: Actor = { id: null, support: true };

/**
 * The building blocks every ticket change is made of, always inside the caller's transaction: the
 * conversation entry, the event line, the audit record and the webhook delivery commit together.
 */
@Injectable()
export class TicketChanges {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly webhooks: WebhooksService,
  ) {}

  /** The ticket, locked for this transaction on PostgreSQL (two agents changing it at once take turns). */
  async lock(tx: EntityManager, id: string): Promise<TicketEntity | null> {
    const locking = tx.connection.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    return tx.findOne(TicketEntity, { where: { id }, ...locking });
  }

  async addMessage(tx: EntityManager, ticket: TicketEntity, actor: Actor, kind: TicketMessageKind, body: string, event?: TicketEvent): Promise<TicketMessageEntity> {
    const row: TicketMessageEntity = {
      id: orderedId(),
      ticketId: ticket.id,
      authorId: actor.id,
      kind,
      fromSupport: actor.support,
      body,
      event: event ? JSON.stringify(event) : null,
      createdAt: this.clock.now(),
    };
    await tx.insert(TicketMessageEntity, row);
    return row;
  }

  async addEvent(tx: EntityManager, ticket: TicketEntity, actor: Actor, event: TicketEvent): Promise<void> {
    await this.addMessage(tx, ticket, actor, 'event', eventText(event), event);
  }

  /**
   * Moves the ticket to `status` with its dates (resolved_at, closed_at) and an event line. Status
   * changes are news for the requester (`support_activity_at`) unless they made it themselves.
   */
  async setStatus(tx: EntityManager, ticket: TicketEntity, status: TicketStatus, actor: Actor, requesterMadeIt = false): Promise<void> {
    if (ticket.status === status) return;
    if (ticket.status === 'closed') throw new AppError('conflict', 409, `Ticket #${ticket.number} is closed; it can’t change any more.`);
    const now = this.clock.now();
    ticket.status = status;
    if (status === 'resolved') ticket.resolvedAt = now;
    else if (status !== 'closed') ticket.resolvedAt = null;
    if (status === 'closed') ticket.closedAt = now;
    if (!requesterMadeIt) ticket.supportActivityAt = now;
    ticket.updatedAt = now;
    await this.addEvent(tx, ticket, actor, { type: 'status', value: status });
  }

  /** Writes the ticket's changed columns (after setStatus and friends changed the object). */
  async save(tx: EntityManager, ticket: TicketEntity): Promise<void> {
    const { id, ...columns } = ticket;
    await tx.update(TicketEntity, { id }, columns);
  }

  async record(tx: EntityManager, type: string, actor: Actor, ticket: TicketEntity, context: RequestContext, details: Record<string, string | number | boolean | null> = {}): Promise<void> {
    await this.audit.record({ type, outcome: 'success', actor: actor.id ?? 'system', subject: ticket.id, details: { number: ticket.number, ...details } }, context, tx);
  }

  async webhook(tx: EntityManager, event: WebhookEvent, ticket: TicketEntity, message?: TicketMessageEntity): Promise<void> {
    await this.webhooks.enqueue(tx, event, {
      ticket: webhookTicket(ticket),
      ...(message ? { message: { id: message.id, fromSupport: message.fromSupport, authorId: message.authorId, body: message.body, createdAt: message.createdAt.toISOString() } } : {}),
    });
  }
}

/** A plain summary of a ticket for webhook receivers (no context, no internal notes). */
export function webhookTicket(t: TicketEntity): Record<string, unknown> {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    urgency: t.urgency,
    categoryId: t.categoryId,
    requesterId: t.requesterId,
    assigneeId: t.assigneeId,
    appId: t.appId,
    mergedIntoId: t.mergedIntoId,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
  };
}

let lastMs = 0;
let sequence = 0;

/**
 * A UUIDv7-shaped id (milliseconds, then a counter): entries written in the same millisecond — a
 * status, urgency and assignee change together — still sort in the order they were written.
 */
export function orderedId(): string {
  const ms = Date.now();
  sequence = ms === lastMs ? sequence + 1 : 0;
  lastMs = ms;
  const hex = ms.toString(16).padStart(12, '0') + '7' + (sequence & 0xfff).toString(16).padStart(3, '0') + randomBytes(8).toString('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.slice(0, 16) + variant + hex.slice(17, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
