import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FeedEntity } from './feed.entity';

/**
 * An item of a feed already handled (alerted, or there before the first poll), so a restart or
 * another process never alerts it twice. Keyed by a hash of the item's guid/id. Rows of items gone
 * from the feed for a while are pruned; the feed only ever lists its latest items.
 */
@Entity('feed_items')
export class FeedItemEntity {
  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 64 })
  appId: string;

  @ManyToOne(() => FeedEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'app_id' })
  feed?: FeedEntity;

  /** SHA-256 (hex) of the item's key. */
  @PrimaryColumn({ name: 'item_hash', type: 'varchar', length: 64 })
  itemHash: string;

  /** Last poll that listed the item. */
  @Index()
  @Column({ name: 'last_seen_at', type: Date })
  lastSeenAt: Date;
}
