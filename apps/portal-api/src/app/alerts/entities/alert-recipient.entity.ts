import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person's copy of an alert: that it is theirs, and whether they read or dismissed it. */
@Entity('alert_recipients')
@Index('alert_recipients_user', ['userId', 'readAt'])
export class AlertRecipientEntity {
  @PrimaryColumn({ name: 'alert_id', type: 'varchar', length: 36 })
  alertId: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'read_at', type: Date, nullable: true })
  readAt: Date | null;

  @Column({ name: 'dismissed_at', type: Date, nullable: true })
  dismissedAt: Date | null;
}
