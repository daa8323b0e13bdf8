import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DeliveryState } from '@passerelle/contracts';
import { WebhookEntity } from './webhook.entity';

/**
 * One event to send to one webhook, with its retries. `next_attempt_at` is also the claim: the
 * delivery job takes a due row by moving it forward in the UPDATE that checks it is due, so two
 * processes never send one delivery at once.
 */
@Entity('support_webhook_deliveries')
@Index('support_webhook_deliveries_log', ['webhookId', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'webhook_id', type: 'varchar', length: 36 })
  webhookId: string;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: WebhookEntity;

  /** A WebhookEvent, or `ping` for the console's test. */
  @Column({ type: 'varchar', length: 40 })
  event: string;

  @Column({ name: 'ticket_number', type: 'integer', nullable: true })
  ticketNumber: number | null;

  /** The exact JSON body sent (the same bytes on every attempt, so signatures can be compared). */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16 })
  state: DeliveryState;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Index()
  @Column({ name: 'next_attempt_at', type: Date, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'delivered_at', type: Date, nullable: true })
  deliveredAt: Date | null;

  @Index()
  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
