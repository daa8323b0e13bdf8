import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { AnnouncementEntity } from './announcement.entity';

/** An announcement's image bytes, kept apart so lists never load images. Base64 text works on both dialects. */
@Entity('announcement_images')
export class AnnouncementImageEntity {
  @PrimaryColumn({ name: 'announcement_id', type: 'varchar', length: 36 })
  announcementId: string;

  @OneToOne(() => AnnouncementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'announcement_id' })
  announcement?: AnnouncementEntity;

  @Column({ name: 'content_type', type: 'varchar', length: 40 })
  contentType: string;

  @Column({ name: 'data_base64', type: 'text' })
  dataBase64: string;
}
