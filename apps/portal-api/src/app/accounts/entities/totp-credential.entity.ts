import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A person's authenticator (RFC 6238). The secret is sealed under the instance key. last_used_step
 * is updated with compare-and-set so a code is accepted once. A replacement being enrolled waits
 * in pending_secret_sealed until confirmed, so the old authenticator keeps working until then.
 */
@Entity('totp_credentials')
export class TotpCredentialEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'secret_sealed', type: 'text', nullable: true })
  secretSealed: string | null;

  @Column({ type: 'varchar', length: 8, default: 'SHA1' })
  algorithm: string;

  @Column({ type: 'integer', default: 6 })
  digits: number;

  @Column({ type: 'integer', default: 30 })
  period: number;

  @Column({ name: 'last_used_step', type: 'integer', nullable: true })
  lastUsedStep: number | null;

  @Column({ name: 'confirmed_at', type: Date, nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'pending_secret_sealed', type: 'text', nullable: true })
  pendingSecretSealed: string | null;

  @Column({ name: 'pending_started_at', type: Date, nullable: true })
  pendingStartedAt: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
