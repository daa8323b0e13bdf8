import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GroupEntity } from '../../accounts/entities/group.entity';
import { AnnouncementEntity } from './announcement.entity';

/** Members of this group are in the announcement's audience (when it is not for everyone). */
@Entity('announcement_groups')
export class AnnouncementGroupEntity {
  @PrimaryColumn({ name: 'announcement_id', type: 'varchar', length: 36 })
  announcementId: string;

  @Index()
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 36 })
  groupId: string;

  @ManyToOne(() => AnnouncementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'announcement_id' })
  announcement?: AnnouncementEntity;

  @ManyToOne(() => GroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;
}
