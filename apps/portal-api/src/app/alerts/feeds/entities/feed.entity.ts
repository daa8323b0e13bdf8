import type { FeedState } from '@passerelle/contracts';
import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CatalogAppEntity } from '../../../catalog/entities/catalog-app.entity';

/**
 * The polling state of an app's feed (one row per app with a feed URL, made by the poller). `url`
 * is the address this state belongs to: when the app's feed URL changes, the state starts over.
 * `next_check_at` is also the claim: a process takes a due feed by moving it forward in the same
 * UPDATE that checks it is due, so two processes never poll one feed at once.
 */
@Entity('feeds')
export class FeedEntity {
  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 64 })
  appId: string;

  @OneToOne(() => CatalogAppEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'app_id' })
  app?: CatalogAppEntity;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', length: 16, default: 'never' })
  state: FeedState;

  /** For administrators, when state is error or blocked. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  message: string | null;

  /** The same as a code and parameters (JSON of a FeedProblem), for the console's translation. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  problem: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  etag: string | null;

  @Column({ name: 'last_modified', type: 'varchar', length: 100, nullable: true })
  lastModified: string | null;

  @Column({ name: 'last_checked_at', type: Date, nullable: true })
  lastCheckedAt: Date | null;

  /** Null until the first successful poll, which records the items already there without alerting. */
  @Column({ name: 'last_success_at', type: Date, nullable: true })
  lastSuccessAt: Date | null;

  @Index()
  @Column({ name: 'next_check_at', type: Date })
  nextCheckAt: Date;

  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures: number;

  /** Items recorded as seen for this URL (the baseline included). */
  @Column({ name: 'items_seen', type: 'integer', default: 0 })
  itemsSeen: number;
}
