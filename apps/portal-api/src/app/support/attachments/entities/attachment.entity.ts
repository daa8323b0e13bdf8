import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AttachmentType } from '@passerelle/contracts';

/**
 * A file attached to a ticket or a message. Uploaded first (ticket and message null, `expires_at`
 * set), then claimed by the ticket or message it was sent with (`expires_at` null). The bytes live
 * in the attachments folder under `storage_key`, a random name — never the person's file name.
 */
@Entity('support_attachments')
export class AttachmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ name: 'ticket_id', type: 'varchar', length: 36, nullable: true })
  ticketId: string | null;

  @Index()
  @Column({ name: 'message_id', type: 'varchar', length: 36, nullable: true })
  messageId: string | null;

  @Index()
  @Column({ name: 'uploader_id', type: 'varchar', length: 36 })
  uploaderId: string;

  /** Sanitised, with the extension of its real type. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Sniffed from the bytes. */
  @Column({ name: 'content_type', type: 'varchar', length: 40 })
  contentType: AttachmentType;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Index({ unique: true })
  @Column({ name: 'storage_key', type: 'varchar', length: 64 })
  storageKey: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  /** Unused uploads are deleted after this; null once claimed. */
  @Index()
  @Column({ name: 'expires_at', type: Date, nullable: true })
  expiresAt: Date | null;
}
