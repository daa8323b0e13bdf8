import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AccessRequestStatus } from '@passerelle/contracts';
import { UserEntity } from '../../accounts/entities/user.entity';
import { CatalogAppEntity } from './catalog-app.entity';

/** A person asked for an app they can't open yet; an administrator approves or refuses. */
@Entity('access_requests')
@Index(['status', 'createdAt'])
@Index(['userId', 'appId'])
export class AccessRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'app_id', type: 'varchar', length: 64 })
  appId: string;

  @ManyToOne(() => CatalogAppEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'app_id' })
  app?: CatalogAppEntity;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 500, default: '' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: AccessRequestStatus;

  /** From the injected clock (not a database default) so tests control it. */
  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'decided_at', type: Date, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 64, nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}
