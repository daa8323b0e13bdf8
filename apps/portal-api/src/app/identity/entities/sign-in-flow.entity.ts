import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Progress of one sign-in (one oidc-provider interaction): who passed the password step and when,
 * and whether the second factor is done. Lives in the database so any process can continue it.
 */
@Entity('sign_in_flows')
export class SignInFlowEntity {
  @PrimaryColumn({ name: 'interaction_uid', type: 'varchar', length: 64 })
  interactionUid: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Column({ name: 'password_verified_at', type: Date, nullable: true })
  passwordVerifiedAt: Date | null;

  @Column({ name: 'second_factor_verified_at', type: Date, nullable: true })
  secondFactorVerifiedAt: Date | null;

  /** JSON array of authentication methods used, e.g. ["pwd","otp"]. */
  @Column({ type: 'varchar', length: 120, default: '[]' })
  amr: string;

  /** True once a new authenticator was enrolled in this flow (the recovery codes step follows). */
  @Column({ name: 'enrolled', type: 'boolean', default: false })
  enrolled: boolean;

  @Column({ name: 'expires_at', type: Date })
  expiresAt: Date;
}
