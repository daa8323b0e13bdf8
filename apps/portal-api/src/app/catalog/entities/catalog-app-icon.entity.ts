import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CatalogAppEntity } from './catalog-app.entity';

/** An app's icon bytes, kept apart so listing apps never loads images. Base64 text works on both dialects. */
@Entity('catalog_app_icons')
export class CatalogAppIconEntity {
  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 64 })
  appId: string;

  @OneToOne(() => CatalogAppEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'app_id' })
  app?: CatalogAppEntity;

  @Column({ name: 'content_type', type: 'varchar', length: 40 })
  contentType: string;

  @Column({ name: 'data_base64', type: 'text' })
  dataBase64: string;
}
