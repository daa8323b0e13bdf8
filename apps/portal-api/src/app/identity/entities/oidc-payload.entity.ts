import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every artefact oidc-provider stores (sessions, grants, codes, tokens, interactions…), one row per
 * (model, id). The indexed columns are the lookups the adapter contract needs (grantId, userCode,
 * uid) plus accountId, which lets the portal list and end a person's sessions and grants.
 */
@Entity('oidc_payloads')
@Index('idx_oidc_payloads_grant', ['grantId'])
@Index('idx_oidc_payloads_uid', ['uid'])
@Index('idx_oidc_payloads_user_code', ['userCode'])
@Index('idx_oidc_payloads_account', ['accountId', 'model'])
@Index('idx_oidc_payloads_expires', ['expiresAt'])
export class OidcPayloadEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  model: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  id: string;

  /** The provider's JSON payload. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ name: 'grant_id', type: 'varchar', length: 255, nullable: true })
  grantId: string | null;

  @Column({ name: 'user_code', type: 'varchar', length: 255, nullable: true })
  userCode: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  uid: string | null;

  @Column({ name: 'account_id', type: 'varchar', length: 255, nullable: true })
  accountId: string | null;

  @Column({ name: 'expires_at', type: Date, nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'consumed_at', type: Date, nullable: true })
  consumedAt: Date | null;
}
