import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A heading on the dashboard ("Daily work", "Finance"); administrators order them. */
@Entity('catalog_sections')
export class CatalogSectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 60, unique: true })
  name: string;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
