import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An app registered by an administrator (an OIDC client). `metadata` is the client's OIDC metadata
 * as JSON, without the secret; the secret is sealed under the instance key (the provider needs it
 * in clear to check client_secret_basic/post and HS* signatures, so it can't be a one-way hash).
 */
@Entity('oidc_clients')
export class OidcClientEntity {
  @PrimaryColumn({ name: 'client_id', type: 'varchar', length: 64 })
  clientId: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'text' })
  metadata: string;

  @Column({ name: 'secret_sealed', type: 'text', nullable: true })
  secretSealed: string | null;

  /** Registered by an administrator: no consent screen. */
  @Column({ name: 'first_party', type: 'boolean', default: true })
  firstParty: boolean;

  /**
   * Once linked to a catalog tile, only the tile's entitlements open this client; should the tile go
   * (deleted, unlinked), nobody may sign in to it until it is linked again — never everyone.
   */
  @Column({ name: 'catalog_managed', type: 'boolean', default: false })
  catalogManaged: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
