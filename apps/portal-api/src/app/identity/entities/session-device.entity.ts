import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What the account page shows about a session: the device it came from and when it was last used. */
@Entity('session_devices')
@Index('idx_session_devices_account', ['accountId'])
export class SessionDeviceEntity {
  /** The provider session's uid (stable across its id rotations; the `sid` claim). */
  @PrimaryColumn({ name: 'session_uid', type: 'varchar', length: 64 })
  sessionUid: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, default: '' })
  userAgent: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'signed_in_at', type: Date })
  signedInAt: Date;

  @Column({ name: 'last_seen_at', type: Date })
  lastSeenAt: Date;
}
