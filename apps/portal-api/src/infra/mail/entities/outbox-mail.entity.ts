import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every mail Passerelle sends. Without SMTP configured it stays here, readable by administrators in
 * the console; with SMTP, sent_at (or last_error) records the delivery.
 */
@Entity('mail_outbox')
@Index('idx_mail_outbox_created', ['createdAt'])
export class OutboxMailEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  toAddress: string;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'sent_at', type: Date, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;
}
