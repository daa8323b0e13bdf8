import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AuditOutcome = 'success' | 'failure';

/** Append-only record of a security-relevant event. Never updated, never deleted by the app. */
@Entity('audit_events')
@Index('idx_audit_events_occurred', ['occurredAt'])
@Index('idx_audit_events_type', ['type', 'occurredAt'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'occurred_at', type: Date })
  occurredAt: Date;

  /** Dotted name, e.g. `setup.admin_created`, `user.disabled`. */
  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: AuditOutcome;

  /** Who did it: a user id, `cli`, or null for anonymous. */
  @Column({ name: 'actor', type: 'varchar', length: 64, nullable: true })
  actor: string | null;

  /** What it was done to (user id, …). */
  @Column({ name: 'subject', type: 'varchar', length: 64, nullable: true })
  subject: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** Extra facts as JSON; never secrets. */
  @Column({ type: 'text', default: '{}' })
  details: string;
}
