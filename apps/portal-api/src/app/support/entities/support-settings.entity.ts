import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row of support settings (id `default`); absent until an administrator saves, defaults apply. */
@Entity('support_settings')
export class SupportSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id: string;

  /** SlaTarget[] as JSON. */
  @Column({ type: 'text' })
  sla: string;

  @Column({ name: 'reopen_days', type: 'integer' })
  reopenDays: number;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
