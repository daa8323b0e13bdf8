import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A token signing key. The private JWK is sealed under the instance key. After `keys rotate` the
 * old key stops signing (retired_at) but stays published in JWKS until unpublish_after, when every
 * token it signed has expired.
 */
@Entity('signing_keys')
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid: string;

  /** RS256, ES256 or EdDSA. */
  @Column({ type: 'varchar', length: 16 })
  alg: string;

  @Column({ name: 'private_jwk_sealed', type: 'text' })
  privateJwkSealed: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'retired_at', type: Date, nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'unpublish_after', type: Date, nullable: true })
  unpublishAfter: Date | null;
}
