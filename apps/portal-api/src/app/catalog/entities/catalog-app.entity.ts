import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AppVisibility } from '@passerelle/contracts';
import { OidcClientEntity } from '../../identity/entities/oidc-client.entity';
import { CatalogSectionEntity } from './catalog-section.entity';

/**
 * A tile: an app people open from the dashboard. `id` is a readable slug ("wiki-k3f9qa"); an app
 * created together with its OIDC client shares the client's id.
 */
@Entity('catalog_apps')
export class CatalogAppEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  description: string;

  @Column({ name: 'launch_url', type: 'varchar', length: 2000 })
  launchUrl: string;

  @Column({ name: 'initiate_login_uri', type: 'varchar', length: 2000, nullable: true })
  initiateLoginUri: string | null;

  /** The OIDC client that signs people in; null for a plain link. One tile per client. */
  @Index({ unique: true })
  @Column({ name: 'client_id', type: 'varchar', length: 64, nullable: true })
  clientId: string | null;

  @ManyToOne(() => OidcClientEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'client_id' })
  client?: OidcClientEntity | null;

  @Column({ name: 'section_id', type: 'varchar', length: 36, nullable: true })
  sectionId: string | null;

  @ManyToOne(() => CatalogSectionEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'section_id' })
  section?: CatalogSectionEntity | null;

  @Column({ type: 'varchar', length: 16, default: 'groups' })
  visibility: AppVisibility;

  @Column({ name: 'health_url', type: 'varchar', length: 2000, nullable: true })
  healthUrl: string | null;

  /** RSS, Atom or JSON Feed polled for alerts (see alerts/feeds); null: none. */
  @Column({ name: 'feed_url', type: 'varchar', length: 2000, nullable: true })
  feedUrl: string | null;

  @Column({ type: 'boolean', default: false })
  requestable: boolean;

  /** Order within its section. */
  @Column({ type: 'integer', default: 0 })
  position: number;

  /** Hash of the stored icon (cache buster), null without one. */
  @Column({ name: 'icon_version', type: 'varchar', length: 64, nullable: true })
  iconVersion: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
