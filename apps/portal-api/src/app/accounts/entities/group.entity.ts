import { Column, CreateDateColumn, Entity, ManyToMany, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

@Entity('groups')
export class GroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 80, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  description: string;

  @ManyToMany(() => UserEntity, (user) => user.groups, { onDelete: 'CASCADE' })
  members: UserEntity[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
