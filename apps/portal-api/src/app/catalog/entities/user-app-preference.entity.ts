import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';
import { CatalogAppEntity } from './catalog-app.entity';

/** A person's own arrangement of one app: pinned (and where), last opened. Kept across devices. */
@Entity('user_app_preferences')
export class UserAppPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'app_id', type: 'varchar', length: 64 })
  appId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @ManyToOne(() => CatalogAppEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'app_id' })
  app?: CatalogAppEntity;

  /** Place among the pinned apps; null when not pinned. */
  @Column({ name: 'pin_position', type: 'integer', nullable: true })
  pinPosition: number | null;

  @Column({ name: 'last_launched_at', type: Date, nullable: true })
  lastLaunchedAt: Date | null;
}
