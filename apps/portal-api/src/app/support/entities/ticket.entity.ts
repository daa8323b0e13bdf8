import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TicketStatus, TicketUrgency } from '@passerelle/contracts';

/**
 * A support request. Dates come from the injected clock (so SLA and the reopen window can be tested).
 * `requester_activity_at` / `support_activity_at` are the last news from each side; compared with the
 * other side's `*_seen_at` they make `unread` (requester) and `awaitingSupport` (queue).
 */
@Entity('tickets')
@Index('idx_tickets_requester_request', ['requesterId', 'requestId'], { unique: true })
@Index('idx_tickets_status_created', ['status', 'createdAt'])
@Index('idx_tickets_requester_updated', ['requesterId', 'updatedAt'])
export class TicketEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The human number (#42): sequential, unique (a lost race is retried with the next one). */
  @Column({ type: 'integer', unique: true })
  number: number;

  @Column({ name: 'requester_id', type: 'varchar', length: 36 })
  requesterId: string;

  @Index()
  @Column({ name: 'category_id', type: 'varchar', length: 36, nullable: true })
  categoryId: string | null;

  @Column({ type: 'varchar', length: 160 })
  subject: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  urgency: TicketUrgency;

  @Column({ type: 'varchar', length: 16 })
  status: TicketStatus;

  @Index()
  @Column({ name: 'assignee_id', type: 'varchar', length: 36, nullable: true })
  assigneeId: string | null;

  /** The catalog app the widget was embedded in (from the token's origin). */
  @Index()
  @Column({ name: 'app_id', type: 'varchar', length: 64, nullable: true })
  appId: string | null;

  /** TicketContext as JSON. */
  @Column({ type: 'text', default: '{}' })
  context: string;

  /** Custom field values by key, as JSON. */
  @Column({ type: 'text', default: '{}' })
  fields: string;

  /** The client's idempotency key; unique per requester. */
  @Column({ name: 'request_id', type: 'varchar', length: 100 })
  requestId: string;

  @Column({ name: 'merged_into_id', type: 'varchar', length: 36, nullable: true })
  mergedIntoId: string | null;

  @Column({ name: 'first_response_at', type: Date, nullable: true })
  firstResponseAt: Date | null;

  @Column({ name: 'resolved_at', type: Date, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'closed_at', type: Date, nullable: true })
  closedAt: Date | null;

  @Index()
  @Column({ name: 'first_response_due_at', type: Date, nullable: true })
  firstResponseDueAt: Date | null;

  @Index()
  @Column({ name: 'resolution_due_at', type: Date, nullable: true })
  resolutionDueAt: Date | null;

  @Column({ name: 'requester_seen_at', type: Date, nullable: true })
  requesterSeenAt: Date | null;

  @Column({ name: 'support_seen_at', type: Date, nullable: true })
  supportSeenAt: Date | null;

  /** Last reply by the requester (or filing). */
  @Column({ name: 'requester_activity_at', type: Date, nullable: true })
  requesterActivityAt: Date | null;

  /** Last thing the requester should see: an agent's reply or a status change. */
  @Column({ name: 'support_activity_at', type: Date, nullable: true })
  supportActivityAt: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
