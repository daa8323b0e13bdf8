import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What makes an account a guest's: who sponsors it, for which company, and where it is in its life.
 * The dates that open and close access live on the user row (`access_starts_at`, `access_ends_at`),
 * where every sign-in and token check reads them. Once personal data is erased, this row stays as a
 * pseudonymous record (no name, email, company or note), keyed by the former user id the audit uses.
 */
@Entity('guests')
export class GuestEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** The employee responsible for this guest (null once that account is gone). */
  @Index()
  @Column({ name: 'sponsor_id', type: 'varchar', length: 36, nullable: true })
  sponsorId: string | null;

  @Column({ type: 'varchar', length: 120, default: '' })
  company: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  note: string;

  /** Who invited (user id or `cli`). */
  @Column({ name: 'invited_by', type: 'varchar', length: 64 })
  invitedBy: string;

  @Column({ name: 'accepted_at', type: Date, nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt: Date | null;

  /** Set once the end was handled (sessions ended, apps told, sponsor mailed); cleared on reactivation. */
  @Index()
  @Column({ name: 'ended_at', type: Date, nullable: true })
  endedAt: Date | null;

  /** Personal data is erased after this (end + retention). */
  @Column({ name: 'erase_after', type: Date, nullable: true })
  eraseAfter: Date | null;

  @Column({ name: 'erased_at', type: Date, nullable: true })
  erasedAt: Date | null;

  /** Which end-of-access reminders went out for the current end date, e.g. "7,1"; reset when the end moves. */
  @Column({ name: 'reminders_sent', type: 'varchar', length: 32, default: '' })
  remindersSent: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
