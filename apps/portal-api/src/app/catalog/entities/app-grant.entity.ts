import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';
import { CatalogAppEntity } from './catalog-app.entity';

/** One person may use one app, whatever its visibility (an approved request, an administrator's grant). */
@Entity('app_grants')
export class AppGrantEntity {
  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 64 })
  appId: string;

  @Index()
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => CatalogAppEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'app_id' })
  app?: CatalogAppEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** User id of the administrator (or `cli`) who granted it. */
  @Column({ name: 'granted_by', type: 'varchar', length: 64, nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ name: 'granted_at' })
  grantedAt: Date;
}
