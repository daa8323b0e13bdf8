import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AlertAction, AlertSeverity, AlertSourceKind } from '@passerelle/contracts';

/**
 * Who an `everyone` alert reaches, decided when it is posted and applied when it is read (so people
 * who join later see it too): every account (Passerelle's own), every employee (an app outside the
 * catalog), or whoever may use the catalog app it came from.
 */
export type AlertBroadcast = 'all' | 'employees' | 'app';

/**
 * One alert. Addressed alerts have a row per recipient in `alert_recipients`, written when posted;
 * `everyone` alerts have none until a person reads or dismisses them (that row keeps their state).
 */
@Entity('alerts')
@Index('alerts_sender_dedupe', ['sender', 'dedupeKey'], { unique: true })
export class AlertEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 8 })
  source: AlertSourceKind;

  /** Whose alert it is, for dedupe keys: `client:<client id>`, `feed:<app id>` or `system`. */
  @Column({ type: 'varchar', length: 160 })
  sender: string;

  /** The catalog app it came from (null for Passerelle's own and for apps outside the catalog). */
  @Index()
  @Column({ name: 'app_id', type: 'varchar', length: 36, nullable: true })
  appId: string | null;

  /** The app's name when posted (shown when the app is no longer in the catalog). */
  @Column({ name: 'sender_name', type: 'varchar', length: 120, nullable: true })
  senderName: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  body: string;

  @Column({ type: 'varchar', length: 8 })
  severity: AlertSeverity;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  link: string | null;

  @Column({ type: 'simple-json', nullable: true })
  actions: AlertAction[] | null;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  dedupeKey: string | null;

  /** Hash of what was posted, so a retry is told apart from a change. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash: string;

  @Index()
  @Column({ type: 'varchar', length: 10, nullable: true })
  broadcast: AlertBroadcast | null;

  @Column({ name: 'expires_at', type: Date, nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  /** Last change of content (a dedupe key update); lists are in this order. */
  @Index()
  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
