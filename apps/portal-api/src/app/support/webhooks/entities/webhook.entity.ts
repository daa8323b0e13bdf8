import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An outbound webhook: where ticket events are POSTed, signed with its secret (sealed at rest). */
@Entity('support_webhooks')
export class WebhookEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /** JSON array of WebhookEvent. */
  @Column({ type: 'varchar', length: 500 })
  events: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 300, default: '' })
  description: string;

  /** The signing secret, sealed under the instance key (it must be read back to sign). */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
