import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A company announcement. Its audience is `everyone` (every employee) or the groups in
 * `announcement_groups`, whose members are read when the feed is read. The flag is kept apart from
 * the group rows so that deleting the chosen groups never widens an announcement to everyone.
 */
@Entity('announcements')
export class AnnouncementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 160 })
  title: string;

  /** The Markdown subset as written; rendered to safe HTML when read. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'boolean', default: true })
  everyone: boolean;

  /** Shown from this time on (scheduled publication). */
  @Index()
  @Column({ name: 'publish_at', type: Date })
  publishAt: Date;

  /** …until this one (null: no end). */
  @Column({ name: 'expires_at', type: Date, nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  /** Short hash of the stored image's bytes (`?v=` busts caches); null without an image. */
  @Column({ name: 'image_version', type: 'varchar', length: 16, nullable: true })
  imageVersion: string | null;

  @Column({ name: 'image_alt', type: 'varchar', length: 300, default: '' })
  imageAlt: string;

  /** Who wrote it (null once that account is gone; the name below stays). */
  @Column({ name: 'author_id', type: 'varchar', length: 36, nullable: true })
  authorId: string | null;

  /** The author's name when they wrote it, shown if the account no longer exists. */
  @Column({ name: 'author_name', type: 'varchar', length: 120 })
  authorName: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
