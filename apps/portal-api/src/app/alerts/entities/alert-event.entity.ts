import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AlertEventKind = 'alert' | 'state' | 'announcement';

/**
 * The live stream's log: each row is one Server-Sent Event's id, so a client reconnecting with
 * Last-Event-ID gets what it missed. `alert` events go to the alert's recipients, `state` events to
 * `user_id` only (their other tabs), `announcement` events to everyone.
 */
@Entity('alert_events')
@Index('alert_events_alert', ['alertId'])
export class AlertEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 16 })
  kind: AlertEventKind;

  @Column({ name: 'alert_id', type: 'varchar', length: 36, nullable: true })
  alertId: string | null;

  @Index()
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  /** For `state`: the ids and the new state, as sent. */
  @Column({ type: 'simple-json', nullable: true })
  payload: Record<string, unknown> | null;

  @Index()
  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
