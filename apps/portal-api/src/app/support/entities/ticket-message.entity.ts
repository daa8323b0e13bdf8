import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { TicketMessageKind } from '@passerelle/contracts';
import { TicketEntity } from './ticket.entity';

/** One entry of a ticket's conversation: a message, an internal note, or an event written by Passerelle. */
@Entity('ticket_messages')
@Index('idx_ticket_messages_ticket', ['ticketId', 'createdAt'])
@Index('idx_ticket_messages_author', ['authorId', 'createdAt'])
export class TicketMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'ticket_id', type: 'varchar', length: 36 })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: TicketEntity;

  @Column({ name: 'author_id', type: 'varchar', length: 36, nullable: true })
  authorId: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind: TicketMessageKind;

  @Column({ name: 'from_support', type: 'boolean', default: false })
  fromSupport: boolean;

  /** Plain text. For events: the English sentence; `event` holds the machine form. */
  @Column({ type: 'text' })
  body: string;

  /** TicketEvent as JSON, for `event` entries (so the web can say it in the reader's language). */
  @Column({ type: 'text', nullable: true })
  event: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
