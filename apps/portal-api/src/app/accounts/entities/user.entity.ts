import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AccountKind, Permission } from '@passerelle/contracts';
import { GroupEntity } from './group.entity';

export type UserStatus = 'active' | 'disabled';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** argon2id hash; null until the person sets a password through their setup link. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'is_admin', type: 'boolean', default: false })
  isAdmin: boolean;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: UserStatus;

  /** Guests (see guests/) may use only the apps chosen for them, between these two dates. */
  @Column({ type: 'varchar', length: 16, default: 'employee' })
  kind: AccountKind;

  /** Sign-in and every token are refused before this time (null: no start). */
  @Column({ name: 'access_starts_at', type: Date, nullable: true })
  accessStartsAt: Date | null;

  /** …and from this time on (null: no end). Checked at every use, so a late clean-up never extends access. */
  @Column({ name: 'access_ends_at', type: Date, nullable: true })
  accessEndsAt: Date | null;

  /** Comma-separated; see `Permissions` in the contracts. */
  @Column({ type: 'simple-array', default: '' })
  permissions: Permission[];

  @Column({ type: 'varchar', length: 5, nullable: true })
  locale: string | null;

  @ManyToMany(() => GroupEntity, (group) => group.members, { onDelete: 'CASCADE' })
  @JoinTable({ name: 'user_groups', joinColumn: { name: 'user_id' }, inverseJoinColumn: { name: 'group_id' } })
  groups: GroupEntity[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;

  @Column({ name: 'disabled_at', type: Date, nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'password_changed_at', type: Date, nullable: true })
  passwordChangedAt: Date | null;

  @Column({ name: 'last_sign_in_at', type: Date, nullable: true })
  lastSignInAt: Date | null;
}
